using Bot.Data.Connections;
using Bot.Data.Migrations;
using Bot.Data.Telemetry;
using Bot.Host.Inbox;
using Bot.Host.Outbox;
using Microsoft.Extensions.Options;

namespace Bot.Host.Health;

/// <summary>The <c>Health</c> configuration section.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary><c>/readyz</c> fails when the oldest unsent outbox row is older than this (replies are stuck).</summary>
    public double OutboxMaxAgeSeconds { get; set; } = 300;
}

/// <summary>
/// <c>GET /healthz</c>: liveness, <c>{"status":"ok"}</c> while the process serves requests. <c>GET /readyz</c>:
/// readiness — the database answers, its schema is the one this binary ships, the inbox worker and outbox sender
/// run, and the oldest unsent outbox row is younger than <see cref="HealthOptions.OutboxMaxAgeSeconds"/>; 503 and
/// the failing check names otherwise. Neither answer carries exception text (it can name hosts, users or SQL).
/// </summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddBotHealth(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/readyz", ReadyAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(
        Migrator migrator, IQueueBacklogQuery backlog, InboxWorker inbox, OutboxSender outbox, IOptions<DatabaseOptions> database,
        IOptions<HealthOptions> options, ILogger<HealthOptions> logger, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, string>(StringComparer.Ordinal);
        int? version = null;
        try
        {
            var status = await migrator.StatusAsync(cancellationToken);
            version = status.DatabaseVersion;
            checks["database"] = "ok";
            checks["schema"] = status.Current ? "ok" : status.TooNew ? "newer than this binary" : "migrations pending";
            var (_, queued) = await backlog.ReadAsync(cancellationToken);
            checks["outbox"] = queued.OldestAgeSeconds <= options.Value.OutboxMaxAgeSeconds ? "ok" : "oldest message too old";
        }
        catch (Exception ex) when (Hosting.DatabaseUnavailable.IsDatabaseFailure(ex) || ex is TimeoutException)
        {
            checks["database"] = "unreachable";
        }

        checks["workers"] = Running(inbox) && Running(outbox) ? "ok" : "stopped";
        var ready = checks.Values.All(v => v == "ok");
        if (!ready)
        {
            Telemetry.TelemetryLog.NotReady(logger, string.Join(", ", checks.Where(c => c.Value != "ok").Select(c => $"{c.Key}: {c.Value}")));
        }

        return Results.Json(new { status = ready ? "ready" : "not ready", checks, database = database.Value.Provider.ToString(), schemaVersion = version },
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static bool Running(BackgroundService worker) => worker.ExecuteTask is { IsCompleted: false };
}
