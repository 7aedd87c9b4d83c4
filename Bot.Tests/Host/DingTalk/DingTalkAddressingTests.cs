using System.Text.Json;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Host.Channels.DingTalk;
using Bot.Skills.Conversation;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Host.DingTalk;

public sealed class DingTalkAddressingTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 2, 0, 0, TimeSpan.Zero);

    private static DingTalkReplyAddresser Addresser(bool openApi = true) => new(
        Options.Create(new DingTalkOptions { AppKey = openApi ? "key" : "", AppSecret = "secret" }),
        new FakeTimeProvider(Now));

    private static InboxMessage Inbound(DateTimeOffset expires, string type = "2") => new()
    {
        Platform = Platforms.DingTalk,
        MessageId = "m1",
        ChatId = "cidGroup==",
        SenderId = "user123",
        ReplyTo = new DingTalkReplyHandle
        {
            SessionWebhook = "https://oapi.dingtalk.com/robot/sendBySession?session=s1",
            SessionWebhookExpiredTime = expires.ToUnixTimeMilliseconds(),
            ConversationId = "cidGroup==",
            ConversationType = type,
            SenderStaffId = "user123",
        }.ToJson(),
    };

    [Fact]
    public void A_reply_while_the_session_is_fresh_goes_to_the_sessionWebhook_and_mentions_the_sender_in_a_group()
    {
        var row = Addresser().Address(Inbound(Now.AddMinutes(80)), new BotReply("收到"));

        Assert.Equal(("dingtalk", "session_webhook", "cidGroup==", "text", "收到"), (row.Platform, row.Channel, row.Target, row.MsgType, row.Payload));
        Assert.Equal(["user123"], JsonSerializer.Deserialize<string[]>(row.Mentions!)!);
    }

    [Fact]
    public void A_reply_to_an_expired_group_session_goes_through_the_OpenAPI_group_send()
    {
        var row = Addresser().Address(Inbound(Now.AddMinutes(-1)), new BotReply("### 汇总", Markdown: true));

        Assert.Equal(("openapi", "cidGroup==", "markdown"), (row.Channel, row.Target, row.MsgType));
    }

    [Fact]
    public void A_session_inside_the_safety_margin_counts_as_expired()
    {
        var row = Addresser().Address(Inbound(Now.AddSeconds(30)), new BotReply("收到"));

        Assert.Equal("openapi", row.Channel);
    }

    [Fact]
    public void Without_OpenAPI_credentials_a_session_inside_the_margin_is_still_used()
    {
        var row = Addresser(openApi: false).Address(Inbound(Now.AddSeconds(30)), new BotReply("收到"));

        Assert.Equal("session_webhook", row.Channel);
    }

    [Fact]
    public void A_reply_to_an_expired_one_on_one_session_goes_to_the_sender_without_a_mention()
    {
        var row = Addresser().Address(Inbound(Now.AddMinutes(-1), type: "1"), new BotReply("收到"));

        Assert.Equal(("openapi", "user:user123", null), (row.Channel, row.Target, row.Mentions));
    }

    [Fact]
    public void Mentions_named_by_the_reply_replace_the_sender()
    {
        var row = Addresser().Address(Inbound(Now.AddMinutes(80)), new BotReply("请补充", Mentions: ["lina"]));

        Assert.Equal(["lina"], JsonSerializer.Deserialize<string[]>(row.Mentions!)!);
    }

    [Fact]
    public void A_markdown_webhook_body_has_a_title_from_its_first_line_and_the_mention_in_text_and_at()
    {
        var body = JsonSerializer.SerializeToElement(DingTalkMessages.WebhookBody("markdown", "### 本周进度汇总\n- 大走访：3次", ["user123"], "铁西小助手"), DingTalkApiClient.JsonOptions);

        Assert.Equal("markdown", body.GetProperty("msgtype").GetString());
        Assert.Equal("本周进度汇总", body.GetProperty("markdown").GetProperty("title").GetString());
        Assert.Equal("### 本周进度汇总\n- 大走访：3次\n@user123", body.GetProperty("markdown").GetProperty("text").GetString());
        Assert.Equal("user123", body.GetProperty("at").GetProperty("atUserIds")[0].GetString());
        Assert.False(body.GetProperty("at").GetProperty("isAtAll").GetBoolean());
    }

    [Fact]
    public void The_OpenAPI_msgParam_is_a_JSON_string_with_unescaped_Chinese()
    {
        var (key, param) = DingTalkMessages.OpenApiMessage("text", "已收到：汇报", "铁西小助手");

        Assert.Equal("sampleText", key);
        Assert.Equal("""{"content":"已收到：汇报"}""", param);
    }

    [Fact]
    public void A_long_title_is_cut_to_twenty_characters_and_an_empty_text_gets_the_robot_name()
    {
        Assert.Equal("一二三四五六七八九十一二三四五六七八九十…", DingTalkMessages.Title("## 一二三四五六七八九十一二三四五六七八九十一二三", "x"));
        Assert.Equal("铁西小助手", DingTalkMessages.Title("\n  \n", "铁西小助手"));
    }
}
