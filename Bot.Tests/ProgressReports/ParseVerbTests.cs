using System.Text.Json;
using Bot.Host.Cli;
using Bot.Skills.Llm;
using Bot.Skills.ProgressReports;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.ProgressReports;

public sealed class ParseVerbTests
{
    private static readonly string[] RecordKeys = ["kind", "action", "activity", "date", "end_date", "people", "places", "units", "metrics", "photos", "confidence", "missing"];

    private static readonly string[] Garbage =
    [
        "this is not json",
        "",
        "   ",
        "[1, 2, 3]",
        """{"sender": "王强", "sent_at": "2026-05-12T10:00:00+08:00"}""",
        """{"text": 42}""",
        """{"text": "今天巡河", "sent_at": "yesterday"}""",
        """{"text": "今天巡河", "sent_at": "2026-13-45T99:00:00"}""",
        """{"text": "今天巡河", "images": -1}""",
        """{"text": "今天巡河", "sender": ["王强"]}""",
        """{"text": "unterminated""",
    ];

    [Fact]
    public async Task Every_input_line_gets_exactly_one_output_line_in_order_and_bad_lines_get_an_error()
    {
        var dev = Corpus.Load("dev.jsonl");
        var lines = new List<string>();
        var bad = new HashSet<int>();
        for (var i = 0; i < dev.Count; i++)
        {
            lines.Add(InputLine(dev[i].Line));
            if (i % 7 == 3)
            {
                bad.Add(lines.Count);
                lines.Add(Garbage[i / 7 % Garbage.Length]);
            }
        }

        var output = await RunInProcessAsync(string.Join('\n', lines) + "\n");

        Assert.Equal(lines.Count, output.Length);
        var report = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            using var json = JsonDocument.Parse(output[i]);
            if (bad.Contains(i))
            {
                Assert.Equal(["error"], json.RootElement.EnumerateObject().Select(p => p.Name));
                continue;
            }

            Assert.Equal(RecordKeys, json.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(dev[report].Expected.Kind, json.RootElement.GetProperty("kind").GetString());
            report++;
        }
    }

    [Fact]
    public async Task A_pipe_fed_line_by_line_gets_each_answer_before_the_next_line_is_sent()
    {
        var toBot = new System.IO.Pipelines.Pipe();
        var fromBot = new System.IO.Pipelines.Pipe();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = ParseVerb.RunAsync(toBot.Reader.AsStream(), fromBot.Writer.AsStream(), Understanding(), useLlm: false, timeout.Token);
        using var answers = new StreamReader(fromBot.Reader.AsStream(), System.Text.Encoding.UTF8);

        await toBot.Writer.WriteAsync("""{"text": "5月12日巡查条子河铁西段", "sender": "王强", "sent_at": "2026-05-12T18:20:00+08:00"}"""u8.ToArray().Append((byte)'\n').ToArray(), timeout.Token);
        var first = await answers.ReadLineAsync(timeout.Token);
        await toBot.Writer.WriteAsync("not json\n"u8.ToArray(), timeout.Token);
        var second = await answers.ReadLineAsync(timeout.Token);
        await toBot.Writer.CompleteAsync();

        Assert.Equal(0, await run);
        Assert.Contains("\"kind\":\"report\"", first, StringComparison.Ordinal);
        Assert.StartsWith("{\"error\":", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_byte_order_mark_windows_line_ends_a_last_line_without_a_newline_and_a_very_long_line_are_all_read()
    {
        var longText = string.Concat(Enumerable.Repeat("今天到平西乡调研，", 12_000)); // well over the 64 KiB read buffer
        var input = "\uFEFF" + """{"text": "今天巡河", "sender": "王强"}""" + "\r\n" + "{\"text\": \"" + longText + "\"}\r\n" + """{"text": "本月谁还没汇报"}""";

        var output = await RunInProcessAsync(input);

        Assert.Equal(3, output.Length);
        Assert.All(output, line => Assert.DoesNotContain("\"error\"", line, StringComparison.Ordinal));
        Assert.Contains("\"kind\":\"report\"", output[0], StringComparison.Ordinal);
        Assert.Contains("平西乡", output[1], StringComparison.Ordinal);
        Assert.DoesNotContain("\"kind\":\"report\"", output[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not json", "invalid JSON")]
    [InlineData("", "empty line")]
    [InlineData("[1]", "JSON object")]
    [InlineData("""{"sender": "王强"}""", "missing text")]
    [InlineData("""{"text": 1}""", "text must be a string")]
    [InlineData("""{"text": "今天巡河", "sent_at": "yesterday"}""", "invalid sent_at")]
    [InlineData("""{"text": "今天巡河", "images": "3"}""", "images must be")]
    [InlineData("""{"text": "调研\ud800平西乡"}""", "lone surrogate")]
    [InlineData("""{"text": "今天巡河", "sender": "\udc00王强"}""", "lone surrogate")]
    public async Task A_bad_line_says_what_is_wrong_with_it(string line, string error)
    {
        var result = await ParseVerb.ParseLineAsync(line, Understanding(), useLlm: false);

        using var json = JsonDocument.Parse(result);
        Assert.Contains(error, json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_use_iso_dates_snake_case_keys_unescaped_chinese_and_images_as_photos()
    {
        var line = """{"text": "@铁西小助手 汇报：5月17日、18日在红嘴经济开发区蹲点调研，走访企业5家", "sender": "赵立新", "sent_at": "2026-05-19T09:10:00+08:00", "images": 2}""";

        var result = await ParseVerb.ParseLineAsync(line, Understanding(), useLlm: false);

        Assert.Equal(
            """{"kind":"report","action":1,"activity":"调研","date":"2026-05-17","end_date":"2026-05-18","people":["赵立新"],"places":["红嘴经济开发区"],"units":[],"metrics":{"research_trips":1,"research_days":2,"enterprises":5},"photos":2,"confidence":0.95,"missing":[]}""",
            result);
    }

    [Fact]
    public async Task Lines_read_from_their_utf8_bytes_get_the_same_answer_as_through_the_string_path()
    {
        // Every corpus input, the garbage lines and the edges of the byte reader (keys twice, escaped names, nested keys
        // of the same name, nulls, image arrays, trailing text, leading spaces, a BOM, a non-ASCII space, invalid UTF-8).
        var corpus = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => l.Length > 0).Select(InputLine).Select(System.Text.Encoding.UTF8.GetBytes);
        string[] edges =
        [
            """{"text": null, "sent_at": "2026-05-12"}""",
            """{"text": "今天到平西乡调研", "sender": null, "sent_at": null, "images": null}""",
            """{"text": "今天到平西乡调研", "sent_at": "2026-05-12", "images": [1, {"a": [2]}, "x"]}""",
            """{"text": "今天到平西乡调研", "sent_at": "2026-05-12", "images": 3.0}""",
            """{"text": "第一", "text": "今天到平西乡调研", "sent_at": "2026-05-12"}""",
            """{"text": 1, "text": "今天到平西乡调研", "sent_at": "2026-05-12"}""",
            """{"te\u0078t": "今天到\u5e73西乡调研\n", "sent_at": "2026-05-12T10:00:00Z", "extra": {"text": 5}}""",
            """{"text": "今天到平西乡调研", "sent_at": "2026-05-12"} trailing""",
            """{"text": "今天到平西乡调研", "sent_at": "2026-05-12"}{}""",
            """  {"text": "今天到平西乡调研", "sent_at": "2026-05-12"}  """,
            "\u3000" + """{"text": "今天到平西乡调研", "sent_at": "2026-05-12"}""",
            "\uFEFF" + """{"text": "今天到平西乡调研", "sent_at": "2026-05-12"}""",
            """{"text": "今天到平西乡调研", "sent_at": 5}""",
            """{"text": "今天到平西乡调研", "images": 99999999999, "sent_at": "2026-05-12"}""",
            """{"text": "今天到平西乡调研", "sent_at": "2026-05-12",}""",
            """{"text": "今天到平西乡调研", "sent_at": "  2026-05-12  ", "sender": "王强"}""",
        ];
        byte[] invalidUtf8 = [.. "{\"text\": \"今天巡河"u8, 0xFF, 0xE4, 0xBB, .. "\", \"sent_at\": \"2026-05-12\"}"u8];
        var lines = corpus.Concat(Garbage.Concat(edges).Select(System.Text.Encoding.UTF8.GetBytes)).Append(invalidUtf8).ToList();
        using var worker = new ParseVerb.LineWorker(Understanding(), useLlm: false);

        foreach (var line in lines)
        {
            await worker.AnswerAsync(line);
            var fromBytes = System.Text.Encoding.UTF8.GetString(worker.Answers.WrittenSpan);
            worker.Answers.ResetWrittenCount();

            var throughString = await ParseVerb.ParseLineAsync(System.Text.Encoding.UTF8.GetString(line), Understanding(), useLlm: false);

            Assert.Equal(throughString + "\n", fromBytes);
        }

        Assert.True(lines.Count > 1_000);
    }

    [Theory]
    [InlineData("2026-05-12T18:20:00+08:00", "2026-05-12T18:20:00+08:00")]
    [InlineData("2026-05-12T10:20:00Z", "2026-05-12T18:20:00+08:00")]
    [InlineData("2026-05-12T18:20:00", "2026-05-12T18:20:00+08:00")]
    [InlineData("2026-05-12", "2026-05-12T00:00:00+08:00")]
    public void Message_times_without_an_offset_are_read_as_shanghai_time(string text, string instant)
    {
        Assert.True(ParseVerb.TryParseTime(text, out var time));
        Assert.Equal(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Fact]
    public async Task The_parse_verb_runs_as_a_process_with_only_json_lines_on_stdout()
    {
        var dir = Directory.CreateTempSubdirectory("tiexibot-parse-");
        try
        {
            var dev = Corpus.Load("dev.jsonl");
            var input = string.Join('\n', dev.Take(10).Select(c => InputLine(c.Line)).Append("garbage").Append("")) + "\n";

            var result = await BotProcess.RunAsync(["parse", $"--Database:ConnectionString=Data Source={Path.Combine(dir.FullName, "t.db")}"], input);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(12, result.Lines.Length);
            for (var i = 0; i < 10; i++)
            {
                using var json = JsonDocument.Parse(result.Lines[i]);
                Assert.Equal(dev[i].Expected.Kind, json.RootElement.GetProperty("kind").GetString());
                Assert.Equal(dev[i].Expected.Action, json.RootElement.GetProperty("action").ValueKind == JsonValueKind.Null ? null : json.RootElement.GetProperty("action").GetInt32());
            }

            Assert.StartsWith("{\"error\":", result.Lines[10], StringComparison.Ordinal);
            Assert.StartsWith("{\"error\":", result.Lines[11], StringComparison.Ordinal);
            Assert.DoesNotContain("\\u", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_llm_is_asked_only_with_the_llm_flag()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.EnqueueChatReply("""{"kind":"report","action":1,"activity":"调研","date":"2026-05-20","people":["王强"],"places":["城东片区"],"metrics":{},"confidence":0.9}""");
        var dir = Directory.CreateTempSubdirectory("tiexibot-parse-");
        try
        {
            var input = """{"text": "5月20日陪同市里领导看了看城东片区的情况", "sender": "王强", "sent_at": "2026-05-21T09:00:00+08:00"}""" + "\n";
            string[] args =
            [
                "parse", $"--Database:ConnectionString=Data Source={Path.Combine(dir.FullName, "t.db")}",
                $"--Llm:Endpoint={server.Endpoint}", "--Llm:Model=fake-model", "--Llm:ApiKey=sk-test",
            ];

            var rulesOnly = await BotProcess.RunAsync(args, input);
            var requestsWithoutFlag = server.Requests.Count;
            var withLlm = await BotProcess.RunAsync([.. args, "--llm"], input);

            Assert.Equal(0, requestsWithoutFlag);
            Assert.Single(server.Requests);
            Assert.Contains("\"activity\":\"其他\"", rulesOnly.Lines.Single(), StringComparison.Ordinal);
            Assert.Contains("\"action\":1,\"activity\":\"调研\"", withLlm.Lines.Single(), StringComparison.Ordinal);
            Assert.Contains("\"places\":[\"城东片区\"]", withLlm.Lines.Single(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string InputLine(string corpusLine)
    {
        using var doc = JsonDocument.Parse(corpusLine);
        return doc.RootElement.GetProperty("input").GetRawText();
    }

    private static async Task<string[]> RunInProcessAsync(string input)
    {
        using var reader = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(input));
        using var writer = new MemoryStream();
        Assert.Equal(0, await ParseVerb.RunAsync(reader, writer, Understanding(), useLlm: false));
        return System.Text.Encoding.UTF8.GetString(writer.ToArray()).TrimEnd('\n').Split('\n');
    }

    private static ReportUnderstanding Understanding()
    {
        var options = new TestOptions<LlmOptions>(new LlmOptions());
        return new ReportUnderstanding(new FixedVocabularySource(), ReportParser.Instance, new LlmReportExtractor(options, NullLogger<LlmReportExtractor>.Instance), options);
    }
}
