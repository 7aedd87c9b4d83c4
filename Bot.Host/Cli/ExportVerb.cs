using Bot.Host.Hosting;
using Bot.Skills.Calendar;
using Bot.Skills.Ledger;

namespace Bot.Host.Cli;

/// <summary><c>export [--period 2026Q2] [-o ledger.xlsx]</c>: writes the ledger (台账) workbook of a period.</summary>
public static class ExportVerb
{
    public const string Usage = "用法 / usage: export [--period 2026Q2|2026-06|2026H1|2026] [-o 台账.xlsx]";

    public static async Task<int> RunAsync(CommandLine command, TextWriter output)
    {
        var code = command.Value("--period");
        var period = code is null ? null : Period.ParseCode(code);
        if (code is not null && period is null)
        {
            await Console.Error.WriteLineAsync($"时间段格式不正确：{code} / bad period. {Usage}");
            return 2;
        }

        // Started like `serve` (on a free local port), so that a first start seeds the roster and the plan before exporting.
        var hostArgs = command.HostArgs();
        await using var app = BotHost.CreateBuilder(hostArgs.Any(a => a.StartsWith("--urls", StringComparison.Ordinal)) ? hostArgs : [.. hostArgs, "--urls", "http://127.0.0.1:0"]).Build();
        app.MapBotEndpoints();
        await app.StartAsync();
        try
        {
            period ??= Period.Quarter(app.Services.GetRequiredService<BusinessClock>().Today);
            var export = await app.Services.GetRequiredService<LedgerExporter>().CreateAsync(period);
            var file = Path.GetFullPath(command.Value("-o") ?? command.Value("--output") ?? export.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, export.Content);
            await output.WriteLineAsync($"{export.Summary} → {file}");
            return 0;
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
