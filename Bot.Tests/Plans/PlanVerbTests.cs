using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Host.Cli;
using Bot.Tests.Support;

namespace Bot.Tests.Plans;

/// <summary><c>plan import FILE [--json] [--year YYYY]</c>.</summary>
public sealed partial class PlanVerbTests
{
    private static readonly string Seed = RepositoryFiles.PathOf(RepositoryFiles.SeedPlan);

    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await PlanVerb.RunAsync(CommandLine.Parse(args), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] Keys(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public async Task Json_prints_only_the_parsed_plan_in_the_documented_shape()
    {
        var scratch = Directory.CreateTempSubdirectory("tiexibot-verb-").FullName;
        var (code, output, _) = await RunAsync("plan", "import", Seed, "--json", "--year", "2026", $"--Database:ConnectionString=Data Source={scratch}/x.db");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["title", "source_year", "year", "actions", "duties", "units", "unparsed"], Keys(root));
        Assert.Equal((2018, 2026), (root.GetProperty("source_year").GetInt32(), root.GetProperty("year").GetInt32()));
        Assert.Equal(10, root.GetProperty("actions").GetArrayLength());
        Assert.Equal(0, root.GetProperty("unparsed").GetArrayLength());
        var action = root.GetProperty("actions")[1];
        Assert.Equal(["number", "title", "period", "milestones", "targets", "duties", "units", "lead_units", "support_units", "leaders"], Keys(action));
        Assert.Equal((2, "“大考察大招商”行动", "第二、三、四季度"),
            (action.GetProperty("number").GetInt32(), action.GetProperty("title").GetString(), action.GetProperty("period").GetString()));
        var milestone = action.GetProperty("milestones")[1];
        Assert.Equal(["text", "start", "end", "recurrence"], Keys(milestone));
        Assert.Equal(("2026-05-21", "2026-05-31", JsonValueKind.Null),
            (milestone.GetProperty("start").GetString(), milestone.GetProperty("end").GetString(), milestone.GetProperty("recurrence").ValueKind));
        var target = action.GetProperty("targets")[0];
        Assert.Equal(["metric", "per", "min", "max", "threshold", "applies_to", "action", "text"], Keys(target));
        Assert.Equal(("projects", "year", 2, 3, "leader", 2),
            (target.GetProperty("metric").GetString(), target.GetProperty("per").GetString(), target.GetProperty("min").GetInt32(),
             target.GetProperty("max").GetInt32(), target.GetProperty("applies_to").GetString(), target.GetProperty("action").GetInt32()));
        Assert.Equal(JsonValueKind.Null, target.GetProperty("threshold").ValueKind);
        Assert.Equal(["区发改局", "区经合局", "平西乡", "各街道办事处", "循环经济示范区"], action.GetProperty("units").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(["区政府领导", "各部门领导"], action.GetProperty("leaders").EnumerateArray().Select(u => u.GetString()));
        var duty = root.GetProperty("actions")[5].GetProperty("duties")[1];
        Assert.Equal(["text", "every", "level", "photo_required"], Keys(duty));
        Assert.Equal(("half_month", "区", true), (duty.GetProperty("every").GetString(), duty.GetProperty("level").GetString(), duty.GetProperty("photo_required").GetBoolean()));
        Assert.Equal(7, root.GetProperty("duties").GetArrayLength());
        var unit = root.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("name").GetString() == "区发改局");
        Assert.Equal(["name", "type", "aliases"], Keys(unit));
        Assert.Contains("“大走访大调研”行动", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", output, StringComparison.Ordinal);
        Assert.All(IsoDate().Matches(output), m => Assert.StartsWith("2026-", m.Value, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(scratch, "x.db")));
    }

    [Fact]
    public async Task Without_json_the_plan_is_stored_and_summarised_in_one_chinese_line()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", migrate: false);
        var hostArgs = db.Settings.Select(kv => $"--{kv.Key}={kv.Value}").ToArray();

        var first = await RunAsync(["plan", "import", Seed, "--year", "2026", .. hostArgs]);
        var second = await RunAsync(["plan", "import", Seed, "--year=2026", .. hostArgs]);

        Assert.Equal(0, first.Code);
        Assert.StartsWith("已导入方案《铁西区开展“调查研究、狠抓落实、拼搏奋斗年”活动实施方案》第1版（2026年）：10项行动、30个节点", first.Out, StringComparison.Ordinal);
        Assert.Single(first.Out.TrimEnd().Split('\n'));
        Assert.Equal(0, second.Code);
        Assert.Contains("未变化", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_bilingual_error_with_exit_code_2()
    {
        var (code, output, error) = await RunAsync("plan", "import", "no/such/plan.txt", "--json");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("找不到方案文件", error, StringComparison.Ordinal);
        Assert.Contains("plan file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_actions_is_not_stored_and_exits_with_code_1()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", migrate: false);
        var file = Path.Combine(Directory.CreateTempSubdirectory("tiexibot-verb-").FullName, "garbage.bin");
        await File.WriteAllBytesAsync(file, [0xFF, 0xFE, 0x00, 0x01, 0x02, 0x80, 0x81]);

        var (code, output, error) = await RunAsync(["plan", "import", file, .. db.Settings.Select(kv => $"--{kv.Key}={kv.Value}")]);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("nothing stored", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("plan", "export", "x.txt")]
    [InlineData("plan", "import")]
    [InlineData("plan", "import", "seeds/tiexi-2018-action-plan.txt", "--year", "1999")]
    [InlineData("plan", "import", "seeds/tiexi-2018-action-plan.txt", "--year", "abc")]
    public async Task Bad_usage_exits_with_code_2_and_says_why(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Matches("用法|年份无效", error);
    }

    [Fact]
    public async Task The_real_process_writes_nothing_but_json_on_stdout()
    {
        var scratch = Directory.CreateTempSubdirectory("tiexibot-verb-").FullName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"), "plan", "import", RepositoryFiles.SeedPlan, "--json", "--year", "2026",
            $"--Database:ConnectionString=Data Source={scratch}/x.db", "--Logging:LogLevel:Default=Debug",
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "plan import did not finish");

        Assert.Equal(0, process.ExitCode);
        using var json = JsonDocument.Parse(await output);
        Assert.Equal(10, json.RootElement.GetProperty("actions").GetArrayLength());
        _ = await error;
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();
}
