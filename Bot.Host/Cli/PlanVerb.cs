using System.Globalization;
using Bot.Data.Connections;
using Bot.Data.Migrations;
using Bot.Host.Hosting;
using Bot.Skills.Plans;
using Microsoft.Extensions.Options;

namespace Bot.Host.Cli;

/// <summary>
/// <c>plan import FILE [--json] [--year YYYY]</c>: with <c>--json</c> prints the parsed plan (and nothing else) on
/// stdout without storing it; otherwise stores it and prints a one-line Chinese summary. Exit code 2 on a usage error
/// or a missing file, 1 when the document yields nothing to store.
/// </summary>
internal static class PlanVerb
{
    public const string Usage = "用法：plan import 文件 [--json] [--year 年份] / usage: plan import FILE [--json] [--year YYYY]";

    public static async Task<int> RunAsync(CommandLine command, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var positionals = command.Positionals("--year", "--urls");
        if (positionals.Count != 2 || !string.Equals(positionals[0], "import", StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        int? year = null;
        if (command.Value("--year") is { } written)
        {
            if (!int.TryParse(written, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 2000 or > 2100)
            {
                await stderr.WriteLineAsync($"年份无效：{written}（应为 2000 到 2100）/ invalid --year: {written} (2000-2100)");
                return 2;
            }

            year = parsed;
        }

        var file = positionals[1];
        var path = Resolve(file);
        if (path is null)
        {
            await stderr.WriteLineAsync($"找不到方案文件：{file} / plan file not found: {file}");
            return 2;
        }

        string text;
        try
        {
            text = await PlanDocuments.ReadTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"无法读取方案文件：{path} / cannot read plan file: {ex.Message}");
            return 2;
        }

        await using var app = BotHost.CreateBuilder(command.HostArgs()).Build();
        try
        {
            if (command.Has("--json"))
            {
                // Parsing only: nothing touches (or creates) the database.
                var result = await app.Services.GetRequiredService<IPlanParser>().ParseAsync(text, year, cancellationToken);
                await stdout.WriteLineAsync(PlanJson.Serialize(result));
                return 0;
            }

            if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
            {
                await app.Services.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
            }

            var outcome = await app.Services.GetRequiredService<IPlanService>().ImportAsync(text, year, cancellationToken);
            await stdout.WriteLineAsync(outcome.Summary);
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (InvalidDataException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    /// <summary>The file as given (absolute or relative to the working directory), else relative to the content root.</summary>
    private static string? Resolve(string file)
    {
        if (File.Exists(file))
        {
            return Path.GetFullPath(file);
        }

        if (Path.IsPathRooted(file))
        {
            return null;
        }

        var underRoot = Path.Combine(BotHost.FindContentRoot(), file);
        return File.Exists(underRoot) ? underRoot : null;
    }
}
