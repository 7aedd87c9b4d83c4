using Bot.Host.Cli;
using Bot.Host.Dashboard.Security;
using Bot.Skills.Ledger;
using Bot.Tests.Dashboard;
using Bot.Tests.Support;
using MiniExcelLibs;

namespace Bot.Tests.Host.Cli;

public sealed class DashboardVerbTests
{
    [Fact]
    public async Task Export_writes_the_ledger_workbook_of_the_period_and_prints_a_one_line_Chinese_summary()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Bot.Skills.Calendar.BusinessClock.Shanghai).DateTime);
        await DashboardSeed.SeedAsync(db.Services, today);
        var file = Path.Combine(Path.GetTempPath(), "tiexibot-export-" + Guid.NewGuid().ToString("N"), "ledger.xlsx");
        var output = new StringWriter();
        try
        {
            var code = await ExportVerb.RunAsync(CommandLine.Parse(
            [
                "export", "--period", today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", file,
                "--Database:Provider=Sqlite", $"--Database:ConnectionString={db.ConnectionString}", "--Dashboard:BootstrapFile=", "--Plan:Roster=", "--Plan:Document=",
            ]), output);

            Assert.Equal(0, code);
            Assert.Matches($"^已导出{today.Year}年台账：汇报记录 2 条，任务 \\d+ 项，领导计分卡 2 人 → {System.Text.RegularExpressions.Regex.Escape(file)}\\n$", output.ToString().ReplaceLineEndings("\n"));
            await using var workbook = File.OpenRead(file);
            Assert.Equal([LedgerExporter.ReportsSheet, LedgerExporter.TasksSheet, LedgerExporter.ScorecardsSheet, LedgerExporter.WithdrawnSheet], workbook.GetSheetNames());
            Assert.Equal(2, workbook.Query(useHeaderRow: true, sheetName: LedgerExporter.ReportsSheet).Count());
            Assert.Contains(workbook.Query(useHeaderRow: true, sheetName: LedgerExporter.TasksSheet).Cast<IDictionary<string, object?>>(),
                row => (string?)row["任务"] == DashboardSeed.OverdueTask);
            Assert.NotEmpty(workbook.Query(useHeaderRow: true, sheetName: LedgerExporter.ScorecardsSheet));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public async Task Export_refuses_a_malformed_period()
    {
        var code = await ExportVerb.RunAsync(CommandLine.Parse(["export", "--period", "next-spring"]), new StringWriter());

        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Hash_password_prints_a_pbkdf2_hash_that_verifies_the_password_read_from_stdin()
    {
        var output = new StringWriter();

        var code = await DashboardVerb.RunAsync(CommandLine.Parse(["dashboard", "hash-password", "--iterations", "20000"]), new StringReader("a-long-secret-1\n"), output);

        Assert.Equal(0, code);
        var hash = output.ToString().Trim();
        Assert.StartsWith("pbkdf2-sha256$20000$", hash, StringComparison.Ordinal);
        Assert.True(DashboardPasswords.Verify("a-long-secret-1", hash));
        Assert.False(DashboardPasswords.Verify("a-long-secret-2", hash));
    }

    [Fact]
    public void Malformed_or_tampered_hashes_never_verify_and_accounts_with_them_stop_start_up()
    {
        var hash = DashboardPasswords.Hash("correct horse", DashboardPasswords.MinIterations);
        var parts = hash.Split('$');
        var tampered = string.Join('$', parts[0], parts[1], parts[2], Convert.ToBase64String(new byte[32]));

        Assert.False(DashboardPasswords.Verify("correct horse", tampered));
        Assert.False(DashboardPasswords.Verify("correct horse", "correct horse"));
        Assert.False(DashboardPasswords.Verify("correct horse", "pbkdf2-sha256$10$AAAA$AAAA"));
        var result = new DashboardOptionsValidator().Validate(null, new DashboardOptions
        {
            Users = [new DashboardUser { Name = "督查室", PasswordHash = "plain-password", Role = "boss" }],
        });
        Assert.True(result.Failed);
        Assert.Contains("密码哈希格式不正确", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("viewer 或 admin", result.FailureMessage, StringComparison.Ordinal);
    }
}
