using System.Globalization;
using BenchmarkDotNet.Attributes;
using Bot.Benchmarks.Load;
using Bot.Host.Channels.DingTalk;
using Bot.Host.Channels.WeCom;

namespace Bot.Benchmarks.Micro;

/// <summary>The per-callback work before anything is stored: WeCom decrypt and verify, DingTalk sign check, parsing.</summary>
[Config(typeof(BenchConfig))]
public class CallbackBenchmarks
{
    private WeComCrypto _crypto = null!;
    private string _signature = "";
    private string _timestamp = "";
    private string _encrypt = "";
    private string _plaintext = "";
    private string _dingTalkSecret = "";
    private string _dingTalkTimestamp = "";
    private string _dingTalkSign = "";
    private string _dingTalkBody = "";
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        var callbacks = new LoadCallbacks();
        _crypto = new WeComCrypto(callbacks.WeComToken, callbacks.WeComAesKey, "");
        _plaintext = """{"msgid":"bench-1","aibotid":"AIBOT","chattype":"single","from":{"userid":"lw0001"},"response_url":"http://127.0.0.1/x","msgtype":"text","text":{"content":"今天走访了3家企业，对接项目2个"}}""";
        _encrypt = _crypto.Encrypt(_plaintext);
        _now = DateTimeOffset.UtcNow;
        _timestamp = _now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _signature = _crypto.Sign(_timestamp, "12345", _encrypt);
        _dingTalkSecret = callbacks.DingTalkAppSecret;
        var ms = _now.ToUnixTimeMilliseconds();
        _dingTalkTimestamp = ms.ToString(CultureInfo.InvariantCulture);
        _dingTalkSign = DingTalkSignature.Compute(ms, _dingTalkSecret);
        using var request = callbacks.DingTalkMessage("bench-1", 1, "今天走访了3家企业，对接项目2个", "http://127.0.0.1/robot/sendBySession?session=x");
        _dingTalkBody = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "WeCom: verify signature and decrypt")]
    public string WeComVerifyAndDecrypt() => _crypto.VerifyAndDecrypt(_signature, _timestamp, "12345", _encrypt);

    [Benchmark(Description = "WeCom: verify, decrypt and normalise to an inbox row")]
    public object WeComToInbox() =>
        WeComInbound.FromAiBotMessage(_crypto.VerifyAndDecrypt(_signature, _timestamp, "12345", _encrypt), [], _now);

    [Benchmark(Description = "WeCom: encrypt and sign the stream answer")]
    public string WeComEncryptAnswer() => _crypto.Sign(_timestamp, "12345", _crypto.Encrypt(_plaintext));

    [Benchmark(Description = "DingTalk: check the sign header")]
    public DingTalkSignatureCheck DingTalkSignCheck() =>
        DingTalkSignature.Verify(_dingTalkTimestamp, _dingTalkSign, _dingTalkSecret, _now, TimeSpan.FromHours(1));

    [Benchmark(Description = "DingTalk: parse the message")]
    public DingTalkParseResult DingTalkParse() => DingTalkMessageParser.Parse(_dingTalkBody, "铁西小助手");
}
