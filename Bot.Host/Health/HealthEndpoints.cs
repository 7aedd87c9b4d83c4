using Bot.Data.Connections;
using Bot.Data.Migrations;
using Microsoft.Extensions.Options;

namespace Bot.Host.Health;

/// <summary><c>GET /healthz</c>: 200 with the database provider and schema version, 503 when the database is unreachable.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (Migrator migrator, IOptions<DatabaseOptions> options, CancellationToken cancellationToken) =>
        {
            try
            {
                var version = await migrator.CurrentVersionAsync(cancellationToken);
                return Results.Json(new { status = "ok", database = options.Value.Provider.ToString(), schemaVersion = version });
            }
            catch (System.Data.Common.DbException ex)
            {
                return Results.Json(new { status = "unavailable", database = options.Value.Provider.ToString(), error = ex.Message },
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
