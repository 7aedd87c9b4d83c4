using System.Text.Json;
using Bot.Host.Channels.DingTalk;

namespace Bot.Tests.Host.DingTalk;

public sealed class DingTalkMessageParserTests
{
    /// <summary>The official receive-message example body (dingtalk.md §1.2).</summary>
    private const string OfficialText = """
        {
          "conversationId": "xxx",
          "atUsers": [ { "dingtalkId": "xxx", "staffId": "xxx" } ],
          "chatbotCorpId": "dinge8a565xxxx",
          "chatbotUserId": "$:LWCP_v1:$Cxxxxx",
          "msgId": "msg0xxxxx",
          "senderNick": "杨xx",
          "isAdmin": true,
          "senderStaffId": "user123",
          "sessionWebhookExpiredTime": 1613635652738,
          "createAt": 1613630252678,
          "senderCorpId": "dinge8a565xxxx",
          "conversationType": "2",
          "senderId": "$:LWCP_v1:$Ff09GIxxxxx",
          "conversationTitle": "机器人测试-TEST",
          "isInAtList": true,
          "sessionWebhook": "https://oapi.dingtalk.com/robot/sendBySession?session=xxxxx",
          "text": { "content": " 你好" },
          "msgtype": "text"
        }
        """;

    /// <summary>The robot-message Stream frame of dingtalk.md §3.3, typo (<c>createA</c>) included.</summary>
    private const string PediaFrame = """
        {
        	"specVersion": "1.0",
        	"type": "CALLBACK",
        	"headers": {
        		"appId": "1305d5f5-**-484f-***-97d9****ef67",
        		"contentType": "application/json",
        		"messageId": "212ca9d7_974_1898c159aa6_1783b",
        		"time": "1690362102194",
        		"topic": "/v1.0/im/bot/messages/get"
        	},
        	"data": "{\"conversationId\":\"cidAsXSBLnA==\",\"atUsers\":[{\"dingtalkId\":\"$:LWCP_v1:$4*****TgHFUDZ8Qi8qr3\"}],\"chatbotCorpId\":\"ding9f*****cd16741\",\"chatbotUserId\":\"$:LWCP_v1:$*****x3vTgHFUDZ8Qi8qr3\",\"msgId\":\"msgLICYe****HgY4JtMQw==\",\"senderNick\":\"用户\",\"isAdmin\":true,\"senderStaffId\":\"16650***698\",\"sessionWebhookExpiredTime\":1690367502152,\"createA\": 1690362101894,\"senderCorpId\":\"ding9*****d16741\",\"conversationType\":\"2\",\"senderId\":\"$:LWCP_v1:***jqTgIfhRX9Q==\",\"conversationTitle\":\"测试群\",\"isInAtList\":true,\"sessionWebhook\":\"https://oapi.dingtalk.com/robot/sendBySession?session=76da36b4**********8f59e8\",\"text\":{\"content\":\" 测试数据\"},\"robotCode\":\"ding*****r3xc0b\",\"msgtype\":\"text\"}"
        }
        """;

    [Fact]
    public void The_official_text_body_is_read_with_the_leading_space_removed()
    {
        var result = DingTalkMessageParser.Parse(OfficialText);

        Assert.Equal(DingTalkParseStatus.Ok, result.Status);
        var message = result.Message!;
        Assert.Equal(("msg0xxxxx", "text", "你好"), (message.MsgId, message.MsgType, message.Text));
        Assert.Equal(("xxx", "2", true), (message.ConversationId, message.ConversationType, message.IsGroup));
        Assert.Equal(("user123", "杨xx"), (message.SenderStaffId, message.SenderNick));
        Assert.Equal("https://oapi.dingtalk.com/robot/sendBySession?session=xxxxx", message.SessionWebhook);
        Assert.Equal(1613635652738, message.SessionWebhookExpiredTime);
        Assert.Equal(1613630252678, message.CreateAt);
        Assert.Equal(new DingTalkAtUser("xxx", "xxx"), Assert.Single(message.AtUsers));
        Assert.Equal(0, message.Images);
    }

    [Fact]
    public void A_stream_frame_is_read_and_its_string_data_parsed_as_the_same_message()
    {
        var frame = DingTalkStreamFrame.Parse(PediaFrame)!;
        var result = DingTalkMessageParser.Parse(frame.Data);

        Assert.Equal(("CALLBACK", "/v1.0/im/bot/messages/get", "212ca9d7_974_1898c159aa6_1783b"), (frame.Type, frame.Topic, frame.MessageId));
        var message = result.Message!;
        Assert.Equal(DingTalkParseStatus.Ok, result.Status);
        Assert.Equal(("msgLICYe****HgY4JtMQw==", "测试数据", "16650***698"), (message.MsgId, message.Text, message.SenderStaffId));
        Assert.Equal(("cidAsXSBLnA==", "ding*****r3xc0b"), (message.ConversationId, message.RobotCode));
        Assert.Equal(1690362101894, message.CreateAt);
        Assert.Equal(new DingTalkAtUser("$:LWCP_v1:$4*****TgHFUDZ8Qi8qr3", null), Assert.Single(message.AtUsers));
    }

    [Fact]
    public void A_robot_message_ack_echoes_the_message_id_with_code_200_and_a_string_data()
    {
        using var ack = JsonDocument.Parse(DingTalkStreamFrame.Ack("212ca9d7_974_1898c159aa6_1783b", 200, "OK", DingTalkStreamFrame.CallbackAckData));

        Assert.Equal(200, ack.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("212ca9d7_974_1898c159aa6_1783b", ack.RootElement.GetProperty("headers").GetProperty("messageId").GetString());
        Assert.Equal("application/json", ack.RootElement.GetProperty("headers").GetProperty("contentType").GetString());
        Assert.Equal("OK", ack.RootElement.GetProperty("message").GetString());
        using var data = JsonDocument.Parse(ack.RootElement.GetProperty("data").GetString()!);
        Assert.Equal(JsonValueKind.Null, data.RootElement.GetProperty("response").ValueKind);
    }

    [Fact]
    public void A_ping_frame_keeps_its_data_byte_for_byte_for_the_echo()
    {
        const string ping = """{"type":"SYSTEM","headers":{"topic":"ping","messageId":"213d841d_972_1898bb26334_70a7","contentType":"application/json"},"data":"{\"opaque\" : \"123-dsfs\"}"}""";

        var frame = DingTalkStreamFrame.Parse(ping)!;
        using var ack = JsonDocument.Parse(DingTalkStreamFrame.Ack(frame.MessageId!, 200, "OK", frame.Data));

        Assert.Equal(("SYSTEM", "ping"), (frame.Type, frame.Topic));
        Assert.Equal("{\"opaque\" : \"123-dsfs\"}", ack.RootElement.GetProperty("data").GetString());
    }

    [Fact]
    public void A_disconnect_frame_without_a_message_id_is_still_read()
    {
        var frame = DingTalkStreamFrame.Parse("""{"type":"SYSTEM","headers":{"topic":"disconnect","contentType":"application/json"},"data":"{\"reason\" : \"connection is expired\"}"}""")!;

        Assert.Equal(("SYSTEM", "disconnect", null), (frame.Type, frame.Topic, frame.MessageId));
    }

    [Fact]
    public void Rich_text_joins_its_text_items_by_line_and_counts_its_pictures()
    {
        const string body = """{"msgId":"m1","msgtype":"richText","conversationType":"2","content":{"richText":[{"text":" 汇报：这个问题示例图如下："},{"pictureDownloadCode":"pWjA****SjIg","downloadCode":"mIof****7A==","type":"picture"},{"text":"通过以上示意图可以明白完整的交互流程"},{"downloadCode":"x","type":"picture"}]}}""";

        var message = DingTalkMessageParser.Parse(body).Message!;

        Assert.Equal("汇报：这个问题示例图如下：\n通过以上示意图可以明白完整的交互流程", message.Text);
        Assert.Equal(2, message.Images);
    }

    [Fact]
    public void A_picture_counts_one_image_with_empty_text()
    {
        var result = DingTalkMessageParser.Parse("""{"msgId":"m2","msgtype":"picture","content":{"pictureDownloadCode":"pWjA****ks=","downloadCode":"mIof****JE0E"}}""");

        Assert.Equal(DingTalkParseStatus.Ok, result.Status);
        Assert.Equal(("", 1), (result.Message!.Text, result.Message.Images));
    }

    [Fact]
    public void Audio_is_read_through_its_speech_recognition()
    {
        var message = DingTalkMessageParser.Parse("""{"msgId":"m3","msgtype":"audio","content":{"downloadCode":"x","recognition":"汇报今天走访企业三家"}}""").Message!;

        Assert.Equal("汇报今天走访企业三家", message.Text);
    }

    [Theory]
    [InlineData("@铁西小助手 汇报：走访企业3家", "汇报：走访企业3家")]
    [InlineData(" @铁西小助手\u2005汇报：走访企业3家 ", "汇报：走访企业3家")]
    [InlineData("\u2005汇报：@张三 走访企业3家", "汇报：@张三 走访企业3家")]
    [InlineData("@张三 一起走访", "@张三 一起走访")]
    public void The_leading_space_and_a_typed_robot_mention_are_stripped_but_other_mentions_kept(string content, string expected)
    {
        var body = $$$"""{"msgId":"m4","msgtype":"text","text":{"content":{{{JsonSerializer.Serialize(content)}}}}}""";

        Assert.Equal(expected, DingTalkMessageParser.Parse(body, "铁西小助手").Message!.Text);
    }

    [Fact]
    public void Numbers_sent_as_strings_and_strings_sent_as_numbers_are_accepted()
    {
        var message = DingTalkMessageParser.Parse("""{"msgId":"m5","msgtype":"text","text":{"content":"x"},"conversationType":1,"sessionWebhookExpiredTime":"1613635652738"}""").Message!;

        Assert.Equal(("1", false, 1613635652738L), (message.ConversationType, message.IsGroup, message.SessionWebhookExpiredTime));
    }

    [Theory]
    [InlineData("""{"msgId":"m6","msgtype":"unknownMsgType","content":{"unknownMsgType":"用户发送了一条消息，机器人暂不支持接收。"}}""", DingTalkParseStatus.Unsupported)]
    [InlineData("""{"msgId":"m7","msgtype":"file","content":{"fileName":"foobar.zip","downloadCode":"x"}}""", DingTalkParseStatus.Unsupported)]
    [InlineData("""{"msgtype":"text","text":{"content":"no id"}}""", DingTalkParseStatus.Malformed)]
    [InlineData("""["msgId"]""", DingTalkParseStatus.Malformed)]
    [InlineData("""{"msgId": """, DingTalkParseStatus.Malformed)]
    public void Unsupported_types_and_malformed_bodies_are_told_apart(string body, DingTalkParseStatus expected)
    {
        Assert.Equal(expected, DingTalkMessageParser.Parse(body).Status);
    }
}
