namespace Bot.Host.Telemetry;

/// <summary>Source-generated log messages of telemetry and health (event ids 8000–8099).</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Could not read the inbox/outbox backlog ({Error}); gauges keep the last value")]
    public static partial void BacklogUnavailable(ILogger logger, string error);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Metrics served at {Path} on port {Port} ({Access})")]
    public static partial void MetricsServed(ILogger logger, string path, int port, string access);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Exporting metrics and traces over OTLP to {Endpoint}")]
    public static partial void OtlpExport(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 8010, Level = LogLevel.Warning, Message = "Readiness check failed: {Check}")]
    public static partial void NotReady(ILogger logger, string check);
}
