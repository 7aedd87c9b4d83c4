using Bot.Data.Chats;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Skills.Conversation;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Bot.Tests.Skills.Conversation;

public sealed class AccessGateTests
{
    private readonly Mock<IChatRepository> _chats = new();
    private readonly Mock<IMemberRepository> _members = new();

    [Fact]
    public async Task Sandbox_messages_pass_without_any_roster_or_chat_lookup()
    {
        var gate = Gate();

        var verdict = await gate.CheckAsync(new InboxMessage { Platform = Platforms.Sandbox, ChatId = "sandbox", SenderId = "路人甲" }, CancellationToken.None);

        Assert.Null(verdict);
        _members.VerifyNoOtherCalls();
        _chats.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_group_message_from_a_chat_on_no_whitelist_is_ignored_without_a_reply()
    {
        var gate = Gate();

        var verdict = await gate.CheckAsync(new InboxMessage { Platform = Platforms.DingTalk, ChatId = "cidUnknown", SenderId = "u1" }, CancellationToken.None);

        Assert.NotNull(verdict);
        Assert.Empty(verdict);
        _members.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_chat_allowed_by_a_channel_list_or_the_chats_table_reaches_the_router_for_a_known_sender()
    {
        _members.Setup(m => m.FindByAccountAsync(Platforms.DingTalk, "u1", It.IsAny<CancellationToken>())).ReturnsAsync(new Member { Name = "王强" });
        _chats.Setup(c => c.FindAsync(Platforms.DingTalk, "cidInDb", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Chat { Platform = Platforms.DingTalk, ChatId = "cidInDb", Whitelisted = true });
        var gate = Gate(new AllowList(Platforms.DingTalk, "cidConfigured"));

        var configured = await gate.CheckAsync(new InboxMessage { Platform = Platforms.DingTalk, ChatId = "cidConfigured", SenderId = "u1" }, CancellationToken.None);
        var stored = await gate.CheckAsync(new InboxMessage { Platform = Platforms.DingTalk, ChatId = "cidInDb", SenderId = "u1" }, CancellationToken.None);
        var direct = await gate.CheckAsync(new InboxMessage { Platform = Platforms.DingTalk, ChatId = null, SenderId = "u1" }, CancellationToken.None);

        Assert.Null(configured);
        Assert.Null(stored);
        Assert.Null(direct);
    }

    [Fact]
    public async Task An_unknown_or_inactive_sender_is_asked_to_register_with_the_office()
    {
        _members.Setup(m => m.FindByAccountAsync(Platforms.WeCom, "left", It.IsAny<CancellationToken>())).ReturnsAsync(new Member { Name = "张三", Active = false });
        var gate = Gate();

        var unknown = await gate.CheckAsync(new InboxMessage { Platform = Platforms.WeCom, SenderId = "nobody" }, CancellationToken.None);
        var inactive = await gate.CheckAsync(new InboxMessage { Platform = Platforms.WeCom, SenderId = "left" }, CancellationToken.None);

        Assert.Equal(AccessGate.UnknownSenderReply, Assert.Single(unknown!).Text);
        Assert.Equal(AccessGate.UnknownSenderReply, Assert.Single(inactive!).Text);
        Assert.Contains("登记", AccessGate.UnknownSenderReply, StringComparison.Ordinal);
    }

    private AccessGate Gate(params IChatAllowList[] lists) => new(_chats.Object, _members.Object, lists, NullLogger<AccessGate>.Instance);

    private sealed class AllowList(string platform, string chatId) : IChatAllowList
    {
        public bool Allows(string p, string c) => p == platform && c == chatId;
    }
}
