using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Host.Channels.DingTalk;
using Bot.Host.Channels.WeCom;
using Bot.Skills.Roster;
using CsCheck;

namespace Bot.Tests.Security;

/// <summary>
/// Property tests (CsCheck) over everything that reads untrusted bytes: the WeCom crypto and envelopes, the DingTalk
/// signature, message and Stream frame parsers, and the roster CSV reader. For random and half-valid inputs each one
/// either succeeds or throws its own documented exception, and finishes within a few seconds per case (no hang).
/// The plan importer and the report parser are not in this tree yet; their properties belong with them.
/// </summary>
public sealed class BadInputPropertyTests
{
    private const int Iterations = 1500;
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(5);
    private static readonly WeComCrypto Crypto = new("TieXiToken2026", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "");
    private static readonly WeComCrypto AppCrypto = new("TieXiToken2026", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wwfakecorp0000001");

    /// <summary>Short strings over every char (lone surrogates, controls, CJK, quotes, angle brackets …).</summary>
    private static readonly Gen<string> AnyText = Gen.String[Gen.Char, 0, 80];

    /// <summary>A JSON value of any kind, sometimes an object that looks like a nested message part.</summary>
    private static readonly Gen<string> AnyJsonValue = Gen.OneOf(
        AnyText.Select(s => JsonSerializer.Serialize(s)),
        Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e308"),
        Gen.Const("null"), Gen.Const("true"), Gen.Const("[]"), Gen.Const("{}"), Gen.Const("[{},null,1]"),
        AnyText.Select(s => $$$"""{"content":{{{JsonSerializer.Serialize(s)}}},"msg_item":[{"msgtype":"text","text":{"content":1}}],"richText":[{}]}"""),
        AnyText.Select(s => $$"""{"id":{{JsonSerializer.Serialize(s)}},"userid":{{JsonSerializer.Serialize(s)}}}"""));

    private static readonly string[] WeComKeys = ["msgid", "aibotid", "chatid", "chattype", "from", "response_url", "msgtype", "text", "stream", "mixed", "image", "voice", "event"];
    private static readonly string[] DingTalkKeys =
    [
        "msgId", "msgtype", "text", "content", "conversationId", "conversationType", "conversationTitle", "senderId", "senderStaffId",
        "senderNick", "sessionWebhook", "sessionWebhookExpiredTime", "createAt", "robotCode", "atUsers", "isInAtList", "chatbotUserId",
    ];

    /// <summary>Objects with the protocol's keys, each present or not, each with a value of any type; msgtype often a real one.</summary>
    private static Gen<string> HalfValidJson(string[] keys, string[] msgTypes) =>
        Gen.Select(Gen.Bool.Array[keys.Length], AnyJsonValue.Array[keys.Length], Gen.OneOf(msgTypes.Select(Gen.Const).ToArray()), (present, values, msgType) =>
            "{" + string.Join(",", keys.Select((key, i) => (key, i))
                .Where(k => present[k.i])
                .Select(k => JsonSerializer.Serialize(k.key) + ":" + (k.key is "msgtype" && values[k.i].Length % 3 != 0 ? JsonSerializer.Serialize(msgType) : values[k.i]))) + "}");

    private static readonly Gen<string> AnyJsonOrNot = Gen.OneOf(AnyText, AnyJsonValue,
        HalfValidJson(WeComKeys, ["text", "stream", "event", "mixed", "image", "voice"]),
        HalfValidJson(DingTalkKeys, ["text", "richText", "picture", "audio", "file"]));

    private static readonly Gen<string> AnyXmlOrNot = Gen.OneOf(AnyText,
        AnyText.Select(s => $"<xml><Encrypt><![CDATA[{s}]]></Encrypt></xml>"),
        Gen.Select(AnyText, AnyText, (a, b) => $"<xml><MsgType>{Escape(a)}</MsgType><MsgId>{Escape(b)}</MsgId><FromUserName>{Escape(a)}</FromUserName><Content>{Escape(b)}</Content><AgentID>{Escape(b)}</AgentID></xml>"),
        AnyText.Select(s => $"<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Content>&e;{Escape(s)}</Content></xml>"),
        Gen.Const("<xml><a><b><c><d>" + new string('<', 500)));

    [Fact]
    public void WeCom_verify_and_decrypt_of_random_fields_throws_only_WeComCryptoException()
    {
        Gen.Select(AnyText, AnyText, AnyText, AnyText).Sample((signature, timestamp, nonce, encrypt) =>
            Bounded(() => Expect<WeComCryptoException>(() => Crypto.VerifyAndDecrypt(signature, timestamp, nonce, encrypt))), iter: Iterations);
    }

    [Fact]
    public void WeCom_ciphertext_that_passes_the_signature_but_is_random_bytes_throws_only_WeComCryptoException()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            var encrypt = Convert.ToBase64String(bytes);
            var signature = Crypto.Sign("1700000000", "nonce", encrypt);
            Bounded(() => Expect<WeComCryptoException>(() => Crypto.VerifyAndDecrypt(signature, "1700000000", "nonce", encrypt)));
        }, iter: Iterations);
    }

    [Fact]
    public void WeCom_encrypt_then_verify_and_decrypt_returns_any_text_unchanged()
    {
        Gen.String[Gen.Char['\u0000', '\uD7FF'], 0, 300].Sample(text =>
        {
            var encrypt = Crypto.Encrypt(text);
            Assert.Equal(text, Crypto.VerifyAndDecrypt(Crypto.Sign("1700000000", "n", encrypt), "1700000000", "n", encrypt));
        }, iter: 500);
    }

    [Fact]
    public void WeCom_json_and_xml_envelopes_of_any_shape_throw_only_WeComFormatException()
    {
        AnyJsonOrNot.Sample(json => Bounded(() => Expect<WeComFormatException>(() => WeComInbound.EncryptOfJson(json))), iter: Iterations);
        AnyXmlOrNot.Sample(xml => Bounded(() => Expect<WeComFormatException>(() => WeComInbound.EncryptOfXml(xml))), iter: Iterations);
    }

    [Fact]
    public void Decrypted_WeCom_robot_and_app_payloads_of_any_shape_throw_only_WeComFormatException()
    {
        var now = DateTimeOffset.UtcNow;
        AnyJsonOrNot.Sample(json => Bounded(() => Expect<WeComFormatException>(() => WeComInbound.FromAiBotMessage(json, ["铁西小助手", ""], now))), iter: Iterations);
        AnyXmlOrNot.Sample(xml => Bounded(() => Expect<WeComFormatException>(() => WeComInbound.FromAppMessage(xml, 1000002, now))), iter: Iterations);
        AnyText.Sample(text => Bounded(() => _ = WeComInbound.StripMentions(text, [text, "铁西小助手"])), iter: Iterations);
    }

    [Fact]
    public void An_app_callback_with_a_valid_signature_around_any_plaintext_throws_only_the_channels_exceptions()
    {
        AnyXmlOrNot.Sample(xml =>
        {
            var encrypt = AppCrypto.Encrypt(xml);
            Bounded(() =>
            {
                try
                {
                    WeComInbound.FromAppMessage(AppCrypto.VerifyAndDecrypt(AppCrypto.Sign("1", "2", encrypt), "1", "2", encrypt), null, DateTimeOffset.UtcNow);
                }
                catch (WeComFormatException)
                {
                }
            });
        }, iter: 500);
    }

    [Fact]
    public void DingTalk_sign_check_of_random_headers_never_throws_and_never_passes()
    {
        var now = DateTimeOffset.UtcNow;
        Gen.Select(AnyText, AnyText, Gen.Long[now.ToUnixTimeMilliseconds() - 7_200_000, now.ToUnixTimeMilliseconds() + 7_200_000]).Sample((timestamp, sign, near) =>
        {
            Assert.NotEqual(DingTalkSignatureCheck.Valid, Bounded(() => DingTalkSignature.Verify(timestamp, sign, "secret", now, TimeSpan.FromHours(1))));
            Assert.NotEqual(DingTalkSignatureCheck.Valid,
                Bounded(() => DingTalkSignature.Verify(near.ToString(CultureInfo.InvariantCulture), sign, "secret", now, TimeSpan.FromHours(1))));
        }, iter: Iterations);
    }

    [Fact]
    public void DingTalk_messages_and_stream_frames_of_any_shape_are_parsed_or_rejected_without_an_exception()
    {
        AnyJsonOrNot.Sample(json => Bounded(() =>
        {
            var result = DingTalkMessageParser.Parse(json, "铁西小助手");
            Assert.True(result.Status == DingTalkParseStatus.Malformed || result.Message is not null);
            _ = DingTalkStreamFrame.Parse(json);
            _ = DingTalkStreamFrame.Parse($$"""{"specVersion":"1.0","type":"CALLBACK","headers":{"topic":"/v1.0/im/bot/messages/get","messageId":"m"},"data":{{JsonSerializer.Serialize(json)}}}""");
        }), iter: Iterations);
    }

    [Fact]
    public void The_roster_reader_turns_any_text_into_rows_or_errors_without_an_exception()
    {
        var csvish = Gen.OneOf(AnyText,
            Gen.String[Gen.Char[",\"\n\r张a; \uFEFF"], 0, 200],
            AnyText.Select(s => "姓名,职务,角色,单位,分管单位,河长级别,企业微信账号,钉钉账号\n" + s));
        csvish.Sample(text => Bounded(() =>
        {
            var errors = new List<string>();
            _ = RosterReader.ToRows(RosterReader.ReadCsv(text), errors);
        }), iter: Iterations);
    }

    /// <summary>Runs one case on its own thread and fails when it takes longer than <see cref="CaseLimit"/> (a hang).</summary>
    private static T Bounded<T>(Func<T> action)
    {
        var task = Task.Run(action);
        Assert.True(task.Wait(CaseLimit), "a single input took longer than 5 s: the parser hangs");
        return task.Result;
    }

    private static void Bounded(Action action) => Bounded(() =>
    {
        action();
        return true;
    });

    /// <summary>Runs <paramref name="action"/>; any exception other than <typeparamref name="TException"/> fails the property.</summary>
    private static void Expect<TException>(Action action) where TException : Exception
    {
        try
        {
            action();
        }
        catch (TException)
        {
        }
    }

    private static string Escape(string text) => new StringBuilder(text).Replace("&", "&amp;").Replace("<", "&lt;").ToString();
}
