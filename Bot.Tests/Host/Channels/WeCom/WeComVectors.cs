namespace Bot.Tests.Host.Channels.WeCom;

/// <summary>Official and reference test vectors of the WeCom callback crypto (../shared/reference/wecom.md §2).</summary>
internal static class WeComVectors
{
    /// <summary>V1: Tencent's Python samples (callback/Sample.py, callback_json/Sample.py).</summary>
    public static class V1
    {
        public const string Token = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
        public const string Key = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
        public const string CorpId = "ww1436e0e65a779aee";

        public const string VerifySignature = "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb";
        public const string VerifyTimestamp = "1476416373";
        public const string VerifyNonce = "47744683";
        public const string VerifyEchoStr = "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==";
        public const string VerifyPlain = "1288432023552776189";

        public const string XmlSignature = "0c3914025cb4b4d68103f6bfc8db550f79dcf48e";
        public const string XmlTimestamp = "1476422779";
        public const string XmlNonce = "1597212914";
        public const string XmlEncrypt = "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+";
        public const string XmlPlain = "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>";

        public const string JsonSignature = "e3647471e395139e2308c1fa963f2d648a00b90e";
        public const string JsonTimestamp = "1409659813";
        public const string JsonNonce = "1372623149";
        public const string JsonEncrypt = "cjhLUX7UU4yCSelv1vz7T0zT8huF51bAMVWriNvO1FMegHrQZNrtvRxbwf0fUPsFvwqR0U0fgiJNEA5Y30F2MoI2S7vv3EjVQ68C0cjw9frBoUE2Hj0BvFp9h3u6Vbsg4lc1C8AtHdaN8orKuNKkLRLuYEL52R1J3v8olJGZRLnRdVKIivixmX/eQpzgeExtp20jI1HxRP1AAZ6xZoILdqDPO549LO4WeG+685JRUTdiwcY5fjZlqeMxuT4PpMn1X9OWsS7NRj06Wa5E3Tvg4twjWp39KPfOdRte6P1T4JU=";
    }

    /// <summary>V2: the classic "QDG6eK" vector (official Go/C# samples).</summary>
    public static class V2
    {
        public const string Token = "QDG6eK";
        public const string Key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
        public const string CorpId = "wx5823bf96d3bd56c7";

        public const string VerifySignature = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
        public const string VerifyTimestamp = "1409659589";
        public const string VerifyNonce = "263014780";
        public const string VerifyEchoStr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
        public const string VerifyPlain = "1616140317555161061";

        public const string XmlSignature = "477715d11cdb4164915debcba66cb864d751f3e6";
        public const string Timestamp = "1409659813";
        public const string Nonce = "1372623149";
        public const string XmlEncrypt = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
        public const string XmlPlain = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>";

        /// <summary>The XML POST body as WeCom sends it (envelope of the XML vector).</summary>
        public const string XmlBody = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" + XmlEncrypt + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";

        public const string JsonSignature = "0623cbc5a8cbee5bcc137c70de99575366fc2af3";
        public const string JsonEncrypt = "CZWs4CWRpI4VolQlvn4dlEC1alN2MUEY2VklGehgBVLBrlVF7SyT+SV+Toj43l4ayJ9UMGKphktKKmP7B2j/P1ey67XB8PBgS7Wr5/8+w/yWriZv3Vmoo/MH3/1HsIWZrPQ3N2mJrelStIfI2Y8kLKXA7EhfZgZX4o+ffdkZDM76SEl79Ib9mw7TGjZ9Aw/x/A2VjNbV1E8BtEbRxYYcQippYNw7hr8sFfa3nW1xLdxokt8QkRX83vK3DFP2F6TQFPL2Tu98UwhcUpPvdJBuu1/yiOQIScppV3eOuLWEsko=";
        public const string JsonPlain = "{\"ToUserName\":\"wx5823bf96d3bd56c7\",\"FromUserName\":\"mycreate\",\"CreateTime\": 1409659813,\"MsgType\":\"text\",\"Content\":\"hello\",\"MsgId\":4561255354251345929,\"AgentID\": 218}";

        /// <summary>The Go sample's comment block: it reuses the XML example's signature, so it must NOT verify.</summary>
        public const string GoCommentEncrypt = "CZWs4CWRpI4VolQlvn4dlPBlXke6+HgmuI7p0LueFp1fKH40TNL+YHWJZwqIiYV+3kTrhdNU7fZwc+PmtgBvxSczkFeRz+oaVSsomrrtP2Z91LE313djjbWujqInRT+7ChGbCeo7ZzszByf8xnDSunPBxRX1MfX3kAxpKq7dqduW1kpMAx8O8xUzZ9oC0TLuZchbpxaml4epzGfF21O+zyXDwTxbCEiO0E87mChtzuh/VPlznXYbfqVrnyLNZ5pr";
        public const string GoCommentComputedSignature = "42fb1a3b955400763e49117ce946c6fe9fdb3271";
    }

    /// <summary>Senparc's test suite: a third-party suite callback whose receiveid is the suite id, not a CorpId.</summary>
    public static class Senparc
    {
        public const string Token = "3J5JTpb4j8Yfk";
        public const string Key = "XtJUgDlFYncPP3z4V7W6Jv4ietcIFveUn6LP1KzOBNf";
        public const string Signature = "118b034be74c917464f833cd32fc3f74958b2c93";
        public const string Timestamp = "1505643268";
        public const string Nonce = "1504921331";
        public const string SuiteId = "tj99bf85a7c6525277";
        public const string Encrypt = "mOYGyroKLkpIDLNn6DAPjdZbRsQlkUggk+LnYY2S/7O/nRxxu3hDsJLiod29NVMYpwVNHMqTnZALXmycI6c7+wWxway/T/91okclPXn+EB/u4vss5FKntesFMxtGPRxt1aChMN9yNJNRhom05UD4c3B3lSicS10LE3MwWenb9t3CzbovlwM7T9jq1PFOA/0HyGZtwIoNdPjc0xaPe09oMvRtn69vu7whudjq2oI27jmEvXAfrWxN29oYTb+dPmBgXx/y4Hs2nWctuiCS7l9jN/dgzKTfPP056k7AKp49XIe2PHJZsmq/jhKLh+7aVRjGcWQepgshtbRwNtolPsT3AoblAa/be7d3igl/EbfguPTK/mAANEb73grwQxfNVH/MJr4sQrTKn/DHjbP9GyoKrr6qFxpDiziZB7LD/kvUqSw=";

        /// <summary>Senparc's other fixture (testXml): with the parameters above it neither verifies nor decrypts.</summary>
        public const string WrongKeyEncrypt = "h3z+AK9zKP4dYs8j1FmthAILbJghEmdo2Y1U9Pdghzann6H2KJOpepaDT1zcp09/1/e/6ta48aUXebkHlu0rhzk4GW+cvVUHzbEiQVFlIvD+q4T/NLIm8E8BM+gO+DHslM7aXmYjvgMw6AYiBx80D+nZKNyJD3I8lRT3aHCq/hez0c+HTAnZyuCi5TfUAw0c6jWSfAq61VesRw4lhV925vJUOBXT/zOw760CEsYXSr2IAr/n4aPfDgRs2Ww2h/HPiVOQ2Ms1f/BOtFiKVWMqZCxbmJ7cyPHH7+uOSAS6DtXiQAdwpEZwHz+A5QTsmK6V0C6Ifgr7zrStb7ygM7kmcrAJctPhCfG7WlfrWrFNLdtx9Q2F7d6/soinswdoYF8g56s8UWguOVkM7UFGr8H2QqrUJm5S5iFP/XNcBwvPWYA=";
    }

    /// <summary>Synthetic intelligent-robot vectors (receiveid ""), generated and cross-checked in wecom.md §2.3.</summary>
    public static class AiBot
    {
        public const string Token = V2.Token;
        public const string Key = V2.Key;
        public const string Timestamp = "1700000000";
        public const string Nonce = "1372623149";

        public const string S1Random = "0123456789abcdef";
        public const string S1Plain = "{\"msgid\":\"CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=\",\"aibotid\":\"AIBOTID\",\"chatid\":\"CHATID\",\"chattype\":\"group\",\"from\":{\"userid\":\"USERID\"},\"response_url\":\"RESPONSEURL\",\"msgtype\":\"text\",\"text\":{\"content\":\"@RobotA hello robot\"}}";
        public const string S1Encrypt = "sKqRbbiSUnDhFHOvPjtUMcw0RmRNkLSpAwtrwZiMb9vVnpG3UVwnmBvcI4Hn9HXYXR+P8ZHkMy5J/emUWEvGEoYyLQ1sHR5gbyfkDv1sPJuwYvXryOyuAT2s0y64qmWqSCi+rxqA2c4Jpx9vFsl8xkSwf0JfF0huG2Z6s1AGgFS8S06CLbMIthQ4sKTzaoMOFv4p779b0bgcQh8N8z6Duig8JKjMdbiK06I3TKmPyBsUZOWKQVwVvY5jtDTkLGjve14QqajYP/JdK5l4W/YNtOoMkO1Kc1JL49K8AhBshNK7x2heD1BX/UO0FVbQDYVpjYlo1sJhKmtMpHlzEns7qA==";
        public const string S1Signature = "e5895b0a0c7686bea2d6ce2d5cd3e593d5c44a13";

        public const string S2Random = "fedcba9876543210";
        public const string S2Plain = "{\"msgtype\":\"stream\",\"stream\":{\"id\":\"STREAMID\",\"finish\":false,\"content\":\"hello\"}}";
        public const string S2Encrypt = "P9TP8OO8ZpJE35Ha/87+5G9HKJOIRH0CKTuMKMF+7GGOLakEZiYTGR2J4Y6awIbxM+99e6fwv7SyYXCvNUZb5N8WwlJh1uacMsMAJ1cdyDzM3ahL20eUDwCJfJI8s6hMsVYuPxr1jwUP+0c17UmWlBdi9RJ38TPg4dZcZDyQg14=";
        public const string S2Signature = "98ec7d2910db19b638c9bd4324a5e510fe6aab1e";
    }
}
