using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Host.Channels.DingTalk;
using Bot.Host.Channels.WeCom;
using Bot.Skills.ProgressReports;
using Bot.Tests.Support;
using CsCheck;
using Xunit.Abstractions;

namespace Bot.Tests.Security;

/// <summary>
/// Mutation fuzzing (CsCheck drives the cases, so a failure prints a seed that reproduces it) of the four readers of
/// untrusted text: the WeCom app callback (XML envelope, then the decrypted XML message behind a valid signature),
/// the WeCom robot callback (JSON envelope, then the decrypted JSON behind a valid signature), the DingTalk message
/// and Stream frame JSON, and the report parser. Each case takes a real sample and applies 0–8 mutations (inserted
/// protocol and Chinese tokens, long digit runs, deleted, duplicated, spliced or truncated spans, any UTF-16 code unit
/// including lone surrogates). A crash is any exception other than the reader's documented one, a broken invariant,
/// a case slower than <see cref="CaseLimit"/>, or a run that hangs.
/// <para>
/// <c>FUZZ_ITERATIONS</c> is the number of cases over all four targets (default 100,000, a quarter each);
/// <c>scripts/fuzz.sh</c> runs 1,000,000.
/// </para>
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Targets = 4;
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(5);

    private static readonly WeComCrypto AppCrypto = new("TieXiToken2026", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wwfakecorp0000001");
    private static readonly WeComCrypto BotCrypto = new("TieXiToken2026", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "");
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Cases over all targets: <c>FUZZ_ITERATIONS</c>, default 100,000.</summary>
    public static int TotalCases =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 100_000;

    private static int PerTarget => Math.Max(1, TotalCases / Targets);

    private static readonly string[] Tokens =
    [
        "<", ">", "&", "&amp;", "&#0;", "&#xD800;", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY e \"ee\">]>", "&e;", "</xml>", "<xml>", "<Content>",
        "\"", "\\", "\\u0000", "\\ud800", "{", "}", "[", "]", ":", ",", "null", "true", "false", "-1", "1e309", "-0", "0.5",
        "99999999999999999999999", "9223372036854775808", "\0", "\uFFFF", "\uFEFF", "\uD800", "\uDC00", "\r\n", "\n", "\t", " ", "　",
        "年", "月", "日", "号", "至", "到", "、", "第", "亿", "万", "千", "百", "十", "两", "半", "元", "家", "次", "天", "个", "项", "篇", "人次",
        "一", "二十五", "〇", "零", "@铁西小助手", "汇报：", "更正：", "#12 更正：", "撤回", "代王副区长汇报：", "昨天", "上周三", "本月", "5月17日至19日",
        "12月32日", "0月0日", "2月30日", "13月", "4/20", "5/8-5/10", "本月12号", "上月28号", "1.2亿", "3000万", "5000万元", "平西乡", "北沟街道",
        "三合村", "区发改局", "王强", "赵立新", "．", "，", "。", "；", "（", "）", "《", "》", "“", "”", "…", "——", "%", "％",
    ];

    [Fact]
    public void The_WeCom_app_callback_XML_envelope_and_message_throw_only_WeComFormatException()
    {
        string[] messages =
        [
            "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>",
            "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[汇报：今天赴平西乡调研，走访企业3家]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>",
            "<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[u1]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event><AgentID>1</AgentID></xml>",
            "<xml><ToUserName>ww1</ToUserName><FromUserName>u1</FromUserName><CreateTime>1</CreateTime><MsgType>voice</MsgType><MediaId>m</MediaId><Format>amr</Format><Recognition>今天走访企业两家</Recognition><MsgId>7</MsgId><AgentID>1000002</AgentID></xml>",
            "<xml><ToUserName>ww1</ToUserName><FromUserName>u1</FromUserName><CreateTime>1</CreateTime><MsgType>image</MsgType><PicUrl>http://x/y.png</PicUrl><MediaId>m</MediaId><MsgId>8</MsgId><AgentID>1000002</AgentID></xml>",
        ];
        var envelopes = messages.Select(m => $"<xml><ToUserName><![CDATA[wwfakecorp0000001]]></ToUserName><Encrypt><![CDATA[{AppCrypto.Encrypt(m)}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>").ToArray();

        Run("WeCom app XML", Mutated([.. envelopes, .. messages]), input =>
        {
            // The envelope as received, then whatever plaintext reaches the message reader behind a valid signature.
            Expect<WeComFormatException>(() => WeComInbound.EncryptOfXml(input));
            var encrypt = AppCrypto.Encrypt(input);
            var plaintext = AppCrypto.VerifyAndDecrypt(AppCrypto.Sign("1700000000", "nonce", encrypt), "1700000000", "nonce", encrypt);
            Expect<WeComFormatException>(() =>
            {
                if (WeComInbound.FromAppMessage(plaintext, 1000002, Now) is { } message)
                {
                    Assert.False(string.IsNullOrEmpty(message.MessageId));
                    Assert.False(string.IsNullOrEmpty(message.SenderId));
                }
            });
        });
    }

    [Fact]
    public void The_WeCom_robot_callback_JSON_envelope_and_message_throw_only_WeComFormatException()
    {
        string[] messages =
        [
            """{"msgid":"CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=","aibotid":"AIBOTID","chatid":"CHATID","chattype":"group","from":{"userid":"USERID"},"response_url":"RESPONSEURL","msgtype":"text","text":{"content":"@RobotA 汇报：今天走访企业3家"}}""",
            """{"msgid":"m2","aibotid":"A","chattype":"single","from":{"userid":"u"},"response_url":"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=x","msgtype":"mixed","mixed":{"msg_item":[{"msgtype":"text","text":{"content":"巡河"}},{"msgtype":"image","image":{"url":"https://x/y"}}]}}""",
            """{"msgid":"m3","aibotid":"A","chatid":"C","chattype":"group","from":{"userid":"u"},"msgtype":"stream","stream":{"id":"STREAMID"}}""",
            """{"msgid":"m4","aibotid":"A","chattype":"single","from":{"userid":"u"},"msgtype":"voice","voice":{"content":"今天到平西乡调研"}}""",
            """{"msgid":"m5","aibotid":"A","chatid":"C","chattype":"group","from":{"userid":"u"},"msgtype":"event","event":{"eventtype":"enter_chat"}}""",
        ];
        var envelopes = messages.Select(m => JsonSerializer.Serialize(new { encrypt = BotCrypto.Encrypt(m) })).ToArray();

        Run("WeCom robot JSON", Mutated([.. envelopes, .. messages]), input =>
        {
            Expect<WeComFormatException>(() => WeComInbound.EncryptOfJson(input));
            var encrypt = BotCrypto.Encrypt(input);
            var plaintext = BotCrypto.VerifyAndDecrypt(BotCrypto.Sign("1700000000", "nonce", encrypt), "1700000000", "nonce", encrypt);
            Expect<WeComFormatException>(() =>
            {
                var callback = WeComInbound.FromAiBotMessage(plaintext, ["RobotA", "铁西小助手"], Now);
                Assert.NotNull(callback.MsgType);
            });
        });
    }

    [Fact]
    public void DingTalk_messages_and_Stream_frames_are_parsed_or_rejected_without_an_exception()
    {
        string[] messages =
        [
            """{"conversationId":"cidAsXSBLnA==","atUsers":[{"dingtalkId":"$:LWCP_v1:$4TgHFUDZ8Qi8qr3"}],"chatbotCorpId":"ding9fcd16741","chatbotUserId":"$:LWCP_v1:$x3vTgHFUDZ8Qi8qr3","msgId":"msgLICYeHgY4JtMQw==","senderNick":"用户","isAdmin":true,"senderStaffId":"16650698","sessionWebhookExpiredTime":1690367502152,"createAt":1690362101894,"senderCorpId":"ding9d16741","conversationType":"2","senderId":"$:LWCP_v1:$jqTgIfhRX9Q==","conversationTitle":"测试群","isInAtList":true,"sessionWebhook":"https://oapi.dingtalk.com/robot/sendBySession?session=76da36b48f59e8","text":{"content":" 汇报：今天赴平西乡调研，走访企业3家"},"robotCode":"dingr3xc0b","msgtype":"text"}""",
            """{"conversationId":"cid1","msgId":"m2","senderStaffId":"u","conversationType":"1","msgtype":"richText","content":{"richText":[{"text":"巡河"},{"pictureDownloadCode":"p","downloadCode":"d"},{"text":"第二行"}]},"createAt":1690362101894}""",
            """{"conversationId":"cid1","msgId":"m3","senderStaffId":"u","conversationType":"2","msgtype":"picture","content":{"pictureDownloadCode":"p","downloadCode":"d"}}""",
            """{"conversationId":"cid1","msgId":"m4","senderStaffId":"u","conversationType":"1","msgtype":"audio","content":{"duration":4000,"downloadCode":"d","recognition":"今天走访企业两家"}}""",
            """{"conversationId":"cid1","msgId":"m5","senderStaffId":"u","msgtype":"file","content":{"downloadCode":"d","fileName":"a.xlsx"}}""",
        ];
        string Frame(string data) =>
            $$"""{"specVersion":"1.0","type":"CALLBACK","headers":{"appId":"a","connectionId":"c","contentType":"application/json","messageId":"mid-1","time":"1690362102194","topic":"/v1.0/im/bot/messages/get"},"data":{{JsonSerializer.Serialize(data)}}}""";
        string[] frames =
        [
            Frame(messages[0]),
            """{"specVersion":"1.0","type":"SYSTEM","headers":{"contentType":"application/json","messageId":"p1","time":"1","topic":"ping"},"data":"{\"opaque\":\"x\"}"}""",
            """{"specVersion":"1.0","type":"SYSTEM","headers":{"messageId":"d1","topic":"disconnect"},"data":"{\"reason\":\"x\"}"}""",
        ];

        Run("DingTalk JSON", Mutated([.. messages, .. frames]), input =>
        {
            var result = DingTalkMessageParser.Parse(input, "铁西小助手");
            Assert.True(result.Status == DingTalkParseStatus.Malformed || result.Message is not null, "a parse that is not Malformed has a message");
            _ = DingTalkStreamFrame.Parse(input);
            if (DingTalkStreamFrame.Parse(Frame(input)) is { } frame)
            {
                _ = DingTalkMessageParser.Parse(frame.Data, "铁西小助手");
            }
        });
    }

    [Fact]
    public void The_report_parser_reads_any_text_into_a_valid_record()
    {
        var vocabulary = SeedPlan.Vocabulary;
        var seeds = Corpus.Load("dev.jsonl").Concat(Corpus.Load("extra.jsonl")).Select(c => c.Message.Text).Distinct(StringComparer.Ordinal).ToArray();

        Run("report parser", Mutated(seeds), input =>
        {
            var report = ReportParser.Instance.Parse(new ReportMessage(input, "王强", Now), vocabulary);
            Assert.Contains(report.Kind, ReportKinds.All);
            Assert.True(report.Activity is null || Activities.IsKnown(report.Activity), $"activity {report.Activity}");
            Assert.InRange(report.Confidence, 0.0, 1.0);
            Assert.All(report.Metrics, m => Assert.True(double.IsFinite(m.Value) && m.Value >= 0, $"metric {m.Key} = {m.Value}"));
            Assert.True(report.EndDate is null || (report.Date is { } date && report.EndDate >= date), $"dates {report.Date} … {report.EndDate}");
            using var json = JsonDocument.Parse(ParsedReportJson.Serialize(report));
            _ = MessageClassifier.Classify(input);
        });
    }

    /// <summary>A real sample with 0–8 mutations, chosen by two generated numbers (reproducible from CsCheck's seed).</summary>
    private static Gen<string> Mutated(string[] seeds) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, seeds.Length - 1], Gen.Int, (i, j, seed) => Mutate(seeds[i], seeds[j], new Random(seed)));

    private static string Mutate(string text, string other, Random random)
    {
        var s = new StringBuilder(text);
        var count = random.Next(0, 9);
        for (var n = 0; n < count; n++)
        {
            var at = random.Next(s.Length + 1);
            var length = Math.Min(s.Length - at, random.Next(1, 12));
            switch (random.Next(8))
            {
                case 0:
                case 1:
                    s.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 2:
                    s.Remove(at, length);
                    break;
                case 3:
                    if (at < s.Length)
                    {
                        s[at] = (char)random.Next(0, 0x10000);
                    }

                    break;
                case 4:
                    s.Insert(at, s.ToString(at, length));
                    break;
                case 5:
                    s.Length = at;
                    break;
                case 6:
                    s.Insert(at, new string((char)('0' + random.Next(10)), random.Next(1, 30)));
                    break;
                default:
                    var from = random.Next(other.Length + 1);
                    s.Insert(at, other.AsSpan(from, Math.Min(other.Length - from, random.Next(1, 40))));
                    break;
            }
        }

        return s.ToString();
    }

    /// <summary>
    /// Runs <see cref="PerTarget"/> cases on every core; fails on the first broken case (CsCheck shrinks it and prints its
    /// seed), on a case slower than <see cref="CaseLimit"/>, or when the whole run hangs.
    /// </summary>
    private void Run(string target, Gen<string> gen, Action<string> property)
    {
        long slowest = 0;
        var clock = Stopwatch.StartNew();
        var run = Task.Run(() => gen.Sample(input =>
        {
            var start = Stopwatch.GetTimestamp();
            property(input);
            var took = Stopwatch.GetTimestamp() - start;
            for (var seen = Interlocked.Read(ref slowest); took > seen; seen = Interlocked.Read(ref slowest))
            {
                Interlocked.CompareExchange(ref slowest, took, seen);
            }
        }, iter: PerTarget));
        var limit = TimeSpan.FromSeconds(60 + (PerTarget / 1000.0));
        Assert.True(run.Wait(limit), $"{target}: {PerTarget} cases did not finish within {limit}: a reader hangs");
        var slowestCase = Stopwatch.GetElapsedTime(0, slowest);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fuzz {target}: {PerTarget} cases, 0 crashes, {clock.Elapsed.TotalSeconds:0.0} s, slowest case {slowestCase.TotalMilliseconds:0.0} ms"));
        Assert.True(slowestCase < CaseLimit, $"{target}: one case took {slowestCase}");
    }

    /// <summary>Runs <paramref name="action"/>; any exception other than <typeparamref name="TException"/> fails the case.</summary>
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
}
