using Bot.Host.Hosting;
using Bot.Skills.Roster;

namespace Bot.Host.Cli;

/// <summary><c>roster import FILE</c>: imports a .csv or .xlsx roster (姓名, 职务, 角色, 单位, 分管单位, 河长级别, 企业微信账号, 钉钉账号).</summary>
public static class RosterVerb
{
    public static async Task<int> RunAsync(CommandLine command, TextWriter output)
    {
        var positionals = command.Positionals();
        if (positionals.Count < 2 || positionals[0] != "import")
        {
            await Console.Error.WriteLineAsync("用法 / usage: roster import FILE(.csv|.xlsx)");
            return 2;
        }

        var file = Path.GetFullPath(positionals[1]);
        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"找不到文件 / file not found: {file}");
            return 2;
        }

        await using var app = BotHost.CreateBuilder([.. command.HostArgs(), "--Plan:Roster="]).Build();
        await app.Services.GetRequiredService<Bot.Data.Migrations.Migrator>().MigrateAsync();
        var result = await app.Services.GetRequiredService<RosterImporter>().ImportFileAsync(file, "cli");
        await output.WriteLineAsync(result.Summary);
        return result.Errors.Count == 0 ? 0 : 1;
    }
}
