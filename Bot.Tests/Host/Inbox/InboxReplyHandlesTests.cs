using Bot.Data.Inbox;
using Bot.Data.Outbox;
using Bot.Host.Inbox;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Bot.Tests.Host.Inbox;

/// <summary>Replies of a message this host just processed are sent without reading the inbox row back (issue 18).</summary>
public sealed class InboxReplyHandlesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 12, 9, 0, 0, TimeSpan.Zero));
    private readonly Mock<IInboxRepository> _inbox = new(MockBehavior.Strict);

    [Fact]
    public async Task The_handle_of_a_message_processed_here_is_answered_without_the_database()
    {
        var handles = new InboxReplyHandles(_inbox.Object, _time);
        handles.Processed(Message(41, "{\"sessionWebhook\":\"https://oapi.dingtalk.com/robot/sendBySession?session=a\"}"), [Reply()]);

        var replyTo = await handles.ReplyToAsync(41, CancellationToken.None);

        Assert.Equal("{\"sessionWebhook\":\"https://oapi.dingtalk.com/robot/sendBySession?session=a\"}", replyTo);
        _inbox.Verify(i => i.GetAsync(It.IsAny<long>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_message_this_host_does_not_know_is_read_from_its_inbox_row()
    {
        _inbox.Setup(i => i.GetAsync(42, It.IsAny<CancellationToken>())).ReturnsAsync(Message(42, "{\"response_url\":\"https://x\"}"));
        _inbox.Setup(i => i.GetAsync(43, It.IsAny<CancellationToken>())).ReturnsAsync((InboxMessage?)null);
        var handles = new InboxReplyHandles(_inbox.Object, _time);

        Assert.Equal("{\"response_url\":\"https://x\"}", await handles.ReplyToAsync(42, CancellationToken.None));
        Assert.Null(await handles.ReplyToAsync(43, CancellationToken.None));
    }

    [Fact]
    public async Task A_handle_is_forgotten_after_its_lifetime_and_read_from_the_database_again()
    {
        _inbox.Setup(i => i.GetAsync(44, It.IsAny<CancellationToken>())).ReturnsAsync(Message(44, "stored"));
        var handles = new InboxReplyHandles(_inbox.Object, _time);
        handles.Processed(Message(44, "remembered"), [Reply()]);
        Assert.Equal("remembered", await handles.ReplyToAsync(44, CancellationToken.None));

        _time.Advance(InboxReplyHandles.Lifetime + TimeSpan.FromSeconds(1));

        Assert.Equal("stored", await handles.ReplyToAsync(44, CancellationToken.None));
    }

    [Fact]
    public void The_cache_keeps_at_most_its_capacity_and_drops_the_oldest_first()
    {
        var handles = new InboxReplyHandles(_inbox.Object, _time);
        for (long id = 1; id <= InboxReplyHandles.Capacity + 10; id++)
        {
            handles.Processed(Message(id, "h"), [Reply()]);
        }

        Assert.Equal(InboxReplyHandles.Capacity, handles.Count);
        Assert.False(handles.TryGet(1, out _));
        Assert.True(handles.TryGet(InboxReplyHandles.Capacity + 10, out _));
    }

    [Fact]
    public void A_message_with_no_reply_is_not_remembered()
    {
        var handles = new InboxReplyHandles(_inbox.Object, _time);

        handles.Processed(Message(45, "h"), []);

        Assert.Equal(0, handles.Count);
    }

    private static InboxMessage Message(long id, string replyTo) =>
        new() { Id = id, Platform = "dingtalk", MessageId = $"m{id}", SenderId = "u1", Text = "调研", ReplyTo = replyTo };

    private static OutboxMessage Reply() => new() { Platform = "dingtalk", Channel = "session_webhook", Target = "c1", Payload = "已记录" };
}
