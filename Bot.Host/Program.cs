using Bot.Data.Migrations;
using Bot.Host.Cli;
using Bot.Host.Hosting;

var command = CommandLine.Parse(args);
switch (command.Verb)
{
    case "serve":
    {
        var app = BotHost.CreateBuilder(command.Arguments.ToArray()).Build();
        app.MapBotEndpoints();
        await app.RunAsync();
        return 0;
    }

    case "db" when command.Arguments.Count > 0 && command.Arguments[0] == "migrate":
    {
        await using var app = BotHost.CreateBuilder(command.HostArgs()).Build();
        var version = await app.Services.GetRequiredService<Migrator>().MigrateAsync();
        Console.WriteLine($"schema version {version}");
        return 0;
    }

    case "db" when command.Arguments.Count > 0 && command.Arguments[0] == "seed-demo":
        return await SeedDemoVerb.RunAsync(command, Console.Out);

    case "db" when command.Arguments.Count > 0 && command.Arguments[0] == "rebuild-rollup":
    {
        await using var app = await ScheduleVerbs.PrepareAsync(command);
        var rebuilt = await app.Services.GetRequiredService<Bot.Data.ProgressReports.IReportRollup>().RebuildAsync();
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"已重建汇报日汇总表 report_rollup：{rebuilt.Rows:N0} 行，用时 {rebuilt.Elapsed.TotalSeconds:0.0} 秒。"));
        return 0;
    }

    case "roster":
        return await RosterVerb.RunAsync(command, Console.Out);

    case "remind":
        return await ScheduleVerbs.RemindAsync(command, Console.Out);

    case "digest":
        return await ScheduleVerbs.DigestAsync(command, Console.Out);

    case "chat":
        return await ChatVerb.RunAsync(command, Console.In, Console.Out);

    case "plan":
        return await PlanVerb.RunAsync(command, Console.Out, Console.Error);

    case "export":
        return await ExportVerb.RunAsync(command, Console.Out);

    case "dashboard":
        return await DashboardVerb.RunAsync(command, Console.In, Console.Out);

    case "parse":
        return await ParseVerb.RunAsync(command);

    default:
        await Console.Error.WriteLineAsync($"未知命令 / unknown verb: {string.Join(' ', args)}");
        return 2;
}
