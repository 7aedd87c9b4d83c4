using Bot.Data.Inbox;
using Bot.Host.Channels.WeCom;
using Bot.Skills.Conversation;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Host.Channels.WeCom;

public sealed class WeComInboundTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("@RobotA hello robot", "hello robot")]
    [InlineData("@铁西小助手\u2005汇报：走访企业3家", "汇报：走访企业3家")]
    [InlineData("@铁西小助手 @王强 汇报", "汇报")]
    [InlineData("汇报：今天巡河 @铁西小助手", "汇报：今天巡河")]
    [InlineData("@铁西小助手", "")]
    [InlineData("没有提及", "没有提及")]
    [InlineData("邮箱 a@b.cn 不算提及", "邮箱 a@b.cn 不算提及")]
    public void Mentions_of_the_robot_are_stripped_from_the_text(string text, string expected)
    {
        Assert.Equal(expected, WeComInbound.StripMentions(text, ["铁西小助手"]));
    }

    [Fact]
    public void The_official_v2_app_message_becomes_an_inbox_row_with_a_reply_handle_for_the_sender()
    {
        var row = WeComInbound.FromAppMessage(WeComVectors.V2.XmlPlain, agentId: null, Now)!;

        Assert.Equal(("wecom", "app:4561255354251345929", "mycreate", "hello", (string?)null), (row.Platform, row.MessageId, row.SenderId, row.Text, row.ChatId));
        var to = WeComReplyTo.Parse(row.ReplyTo)!;
        Assert.Equal((WeComReplyTo.App, "mycreate", (int?)218, false), (to.Kind, to.UserId, to.AgentId, to.IsGroup));
        Assert.Equal(WeComVectors.V2.XmlPlain, row.Raw);
    }

    [Fact]
    public void App_events_are_not_stored_and_images_count_as_one()
    {
        var enter = "<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><MsgType>event</MsgType><Event>enter_agent</Event><AgentID>1</AgentID></xml>";
        var image = "<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><MsgType>image</MsgType><PicUrl>http://x</PicUrl><MsgId>42</MsgId></xml>";

        Assert.Null(WeComInbound.FromAppMessage(enter, 1, Now));
        var row = WeComInbound.FromAppMessage(image, 1, Now)!;
        Assert.Equal((1, ""), (row.Images, row.Text));
    }

    [Fact]
    public void The_synthetic_aibot_group_message_keeps_chat_sender_response_url_and_a_reversible_stream_id()
    {
        var callback = WeComInbound.FromAiBotMessage(WeComVectors.AiBot.S1Plain, [], Now);

        var row = callback.Message!;
        Assert.Equal(("bot:CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=", "CHATID", "USERID", "hello robot"), (row.MessageId, row.ChatId, row.SenderId, row.Text));
        var to = WeComReplyTo.Parse(row.ReplyTo)!;
        Assert.Equal((WeComReplyTo.AiBot, "group", "RESPONSEURL"), (to.Kind, to.ChatType, to.ResponseUrl));
        Assert.Equal(callback.StreamId, to.StreamId);
        Assert.Equal("CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=", WeComInbound.MsgIdOfStream(to.StreamId!));
        Assert.DoesNotContain('/', to.StreamId!);
        Assert.Null(WeComInbound.MsgIdOfStream("STREAMID"));
    }

    [Fact]
    public void Aibot_mixed_messages_join_their_text_and_count_their_images_and_stream_refreshes_carry_only_the_id()
    {
        var mixed = """{"msgid":"m1","chattype":"single","from":{"userid":"u1"},"msgtype":"mixed","mixed":{"msg_item":[{"msgtype":"text","text":{"content":"@铁西小助手 河长巡河"}},{"msgtype":"image","image":{"url":"x"}},{"msgtype":"image","image":{"url":"y"}}]}}""";
        var refresh = """{"msgid":"m2","chattype":"single","from":{"userid":"u1"},"msgtype":"stream","stream":{"id":"tx123"}}""";

        var message = WeComInbound.FromAiBotMessage(mixed, [], Now).Message!;
        var stream = WeComInbound.FromAiBotMessage(refresh, [], Now);

        Assert.Equal(("河长巡河", 2, (string?)null), (message.Text, message.Images, message.ChatId));
        Assert.Null(stream.Message);
        Assert.Equal("tx123", stream.StreamId);
    }

    [Theory]
    [InlineData("""<!DOCTYPE xml [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE xml SYSTEM "http://127.0.0.1/evil.dtd"><xml><Encrypt>x</Encrypt></xml>""")]
    [InlineData("<xml><Encrypt>x</Encrypt>")]
    [InlineData("<xml><ToUserName>x</ToUserName></xml>")]
    public void Envelopes_with_a_dtd_or_without_an_encrypt_element_are_malformed(string xml)
    {
        Assert.Throws<WeComFormatException>(() => WeComInbound.EncryptOfXml(xml));
    }

    [Fact]
    public void A_robot_reply_waits_for_the_stream_while_it_is_refreshed_and_is_due_at_once_afterwards()
    {
        var clock = new FakeTimeProvider(Now);
        var addresser = new WeComReplyAddresser(Options.Create(new WeComOptions()), clock);
        var inbound = WeComInbound.FromAiBotMessage(WeComVectors.AiBot.S1Plain, [], Now).Message!;

        var fresh = addresser.Address(inbound, new BotReply("已收到"));
        clock.Advance(TimeSpan.FromMinutes(6));
        var late = addresser.Address(inbound, new BotReply("已收到"));

        Assert.Equal((WeComAiBotChannel.ChannelName, "CHATID", "markdown"), (fresh.Channel, fresh.Target, fresh.MsgType));
        Assert.Equal(Now + WeComAiBotChannel.StreamWindow, fresh.NextAttemptAt);
        Assert.Equal(default, late.NextAttemptAt);
    }

    [Fact]
    public void App_replies_go_to_the_sender_and_robot_group_messages_without_handles_to_the_group_robot()
    {
        var options = Options.Create(new WeComOptions { RobotWebhooks = new() { ["wrkGroup"] = "KEY" } });
        var addresser = new WeComReplyAddresser(options, TimeProvider.System);
        var app = WeComInbound.FromAppMessage(WeComVectors.V2.XmlPlain, null, Now)!;
        var group = new InboxMessage
        {
            MessageId = "bot:x",
            ReplyTo = new WeComReplyTo { Kind = WeComReplyTo.AiBot, ChatType = "group", ChatId = "wrkGroup", UserId = "u" }.Serialize(),
        };
        var orphan = new InboxMessage { MessageId = "bot:y", ReplyTo = new WeComReplyTo { Kind = WeComReplyTo.AiBot, ChatType = "group", ChatId = "wrkOther" }.Serialize() };

        var toApp = addresser.Address(app, new BotReply("好的", Markdown: true));
        var toRobot = addresser.Address(group, new BotReply("好的", Mentions: ["u"]));

        Assert.Equal((WeComAppChannel.ChannelName, "mycreate", "markdown"), (toApp.Channel, toApp.Target, toApp.MsgType));
        Assert.Equal((WeComRobotChannel.ChannelName, "wrkGroup", "[\"u\"]"), (toRobot.Channel, toRobot.Target, toRobot.Mentions));
        Assert.Throws<InvalidOperationException>(() => addresser.Address(orphan, new BotReply("好的")));
    }

    [Fact]
    public void An_empty_wecom_section_is_valid_and_leaves_the_callbacks_off()
    {
        var options = new WeComOptions();

        Assert.True(new WeComOptionsValidator().Validate(null, options).Succeeded);
        Assert.False(options.AppCallbackConfigured);
        Assert.False(options.AiBotCallbackConfigured);
        Assert.False(options.AppApiConfigured);
    }

    [Fact]
    public void Inconsistent_wecom_settings_fail_validation_with_bilingual_messages()
    {
        var options = new WeComOptions
        {
            Token = "QDG6eK",
            EncodingAesKey = "short",
            Secret = "s",
            ApiBaseUrl = "qyapi.weixin.qq.com",
            TimestampToleranceSeconds = -1,
            RobotWebhooks = new() { ["chat1"] = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc" },
        };

        var result = new WeComOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("WeCom:EncodingAesKey", StringComparison.Ordinal) && f.Contains("43", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeCom:CorpId", StringComparison.Ordinal) && f.Contains("企业ID", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeCom:AgentId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeCom:ApiBaseUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeCom:TimestampToleranceSeconds", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeCom:RobotWebhooks:chat1", StringComparison.Ordinal) && f.Contains("key=", StringComparison.Ordinal));
    }
}
