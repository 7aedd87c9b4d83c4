using System.Globalization;
using Bot.Data.Telemetry;
using Bot.Host.Dashboard.Security;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bot.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the host: the <see cref="BotTelemetry"/> meter exported in the Prometheus text format (the served
/// <c>OpenTelemetry.Exporter.Prometheus.AspNetCore</c> exporter) and, with <see cref="TelemetryOptions.OtlpEndpoint"/>
/// set, metrics and the message traces over OTLP.
/// </summary>
public static class TelemetryRegistration
{
    public static IServiceCollection AddBotTelemetry(this IServiceCollection services, IConfiguration? configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        services.AddHostedService<QueueBacklogSampler>();
        var settings = configuration?.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = Uri.TryCreate(settings.OtlpEndpoint, UriKind.Absolute, out var endpoint) ? endpoint : null;
        var protocol = string.Equals(settings.OtlpProtocol, "HttpProtobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;

        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(settings.ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(BotTelemetry.Name);
            if (settings.MetricsEnabled)
            {
                metrics.AddPrometheusExporter();
            }

            if (otlp is not null)
            {
                metrics.AddOtlpExporter(o => { o.Endpoint = otlp; o.Protocol = protocol; });
            }
        });

        // Traces are sampled only where they go somewhere; tests and tools listen to the ActivitySource directly.
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(BotTelemetry.Name)
                .AddOtlpExporter(o => { o.Endpoint = otlp; o.Protocol = protocol; }));
        }

        return services;
    }

    /// <summary>With <see cref="TelemetryOptions.MetricsPort"/> set, the host also listens there (for the metrics only).</summary>
    public static void AddMetricsListener(WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!settings.MetricsEnabled || settings.MetricsPort <= 0)
        {
            return;
        }

        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        var metrics = $"http://{settings.MetricsBindAddress}:{settings.MetricsPort.ToString(CultureInfo.InvariantCulture)}";
        builder.WebHost.UseUrls(string.IsNullOrWhiteSpace(urls) ? ["http://localhost:5000", metrics] : [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries), metrics]);
    }

    /// <summary>Maps the scrape endpoint: only on the metrics port when one is set, else behind the dashboard sign-in.</summary>
    public static WebApplication MapBotTelemetry(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!settings.MetricsEnabled)
        {
            return app;
        }

        var endpoint = app.MapPrometheusScrapingEndpoint(settings.MetricsPath);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelemetryRegistration).FullName!);
        if (settings.MetricsPort > 0)
        {
            endpoint.RequireHost($"*:{settings.MetricsPort.ToString(CultureInfo.InvariantCulture)}");
            TelemetryLog.MetricsServed(logger, settings.MetricsPath, settings.MetricsPort, "metrics port only");
        }
        else if (settings.MetricsRequireSignIn)
        {
            endpoint.RequireAuthorization(DashboardRoles.ViewerPolicy);
            TelemetryLog.MetricsServed(logger, settings.MetricsPath, 0, "public port, dashboard sign-in required");
        }
        else
        {
            TelemetryLog.MetricsServed(logger, settings.MetricsPath, 0, "public port, no sign-in");
        }

        if (Uri.TryCreate(settings.OtlpEndpoint, UriKind.Absolute, out var otlp))
        {
            TelemetryLog.OtlpExport(logger, otlp.GetLeftPart(UriPartial.Authority));
        }

        return app;
    }
}
