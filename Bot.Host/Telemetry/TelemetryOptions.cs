namespace Bot.Host.Telemetry;

/// <summary>The <c>Telemetry</c> configuration section: the Prometheus endpoint, the backlog sampler and OTLP export.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Serve <see cref="MetricsPath"/> in the Prometheus text format.</summary>
    public bool MetricsEnabled { get; set; } = true;

    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// A separate port for <see cref="MetricsPath"/> (on <see cref="MetricsBindAddress"/>), where it needs no sign-in; the
    /// public port then answers 404 for it. 0: served on the public port behind the dashboard sign-in (see
    /// <see cref="MetricsRequireSignIn"/>).
    /// </summary>
    public int MetricsPort { get; set; }

    public string MetricsBindAddress { get; set; } = "127.0.0.1";

    /// <summary>On the public port, require a signed-in dashboard user (on by default; switch off only behind a private network).</summary>
    public bool MetricsRequireSignIn { get; set; } = true;

    /// <summary>How often the inbox/outbox depth and oldest age are read from the database.</summary>
    public double BacklogSampleSeconds { get; set; } = 5;

    /// <summary>An OTLP collector (e.g. <c>http://127.0.0.1:4317</c>): metrics and traces are exported there when set.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary><c>Grpc</c> (default) or <c>HttpProtobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "Grpc";

    public string ServiceName { get; set; } = "tiexibot";
}
