namespace Bot.Host.Hosting;

/// <summary>Builds the web application shared by <c>serve</c>, the other verbs and the end-to-end tests.</summary>
public static class BotHost
{
    /// <summary>
    /// Creates the builder. The content root is the folder holding the repository-root <c>appsettings.json</c>
    /// (found by walking up from the working directory, then from the binaries); environment variables and the
    /// command line override it. Logs go to stderr so that verbs own stdout.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = FindContentRoot(),
        });

        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.TimestampFormat = "HH:mm:ss ";
            o.SingleLine = true;
        });

        builder.Services.AddBotData().AddBotSkills().AddBotHost(builder.Configuration);
        Telemetry.TelemetryRegistration.AddMetricsListener(builder);
        configure?.Invoke(builder);
        return builder;
    }

    /// <summary>The folder of the nearest appsettings.json above the working directory or the binaries.</summary>
    public static string FindContentRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "appsettings.json")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
