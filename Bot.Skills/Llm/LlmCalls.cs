using System.Diagnostics;
using Bot.Data.Telemetry;

namespace Bot.Skills.Llm;

/// <summary>
/// The HTTP client and the telemetry of every call to the language model. With an <see cref="IHttpClientFactory"/>
/// (the host registers the <see cref="ClientName"/> client with its resilience pipeline: retries with jitter on
/// 429/5xx honouring <c>Retry-After</c>, a circuit breaker) calls go through it; without one (unit tests, tools) a
/// plain client is used. The per-call timeout is the caller's (<see cref="LlmOptions.TimeoutSeconds"/>).
/// </summary>
public static class LlmCalls
{
    public const string ClientName = "llm";

    public static HttpClient CreateClient(IHttpClientFactory? factory, TimeSpan timeout)
    {
        var http = factory?.CreateClient(ClientName) ?? new HttpClient();
        http.Timeout = timeout;
        return http;
    }

    /// <summary>Starts the span and the clock of one call for <paramref name="purpose"/> (report, question, plan).</summary>
    public static Call Start(string purpose) => new(purpose, BotTelemetry.Source.StartActivity("llm.call", ActivityKind.Client), Stopwatch.GetTimestamp());

    /// <summary>One call in flight; <see cref="Finish"/> records its outcome (ok, failed, timeout, invalid).</summary>
    public readonly record struct Call(string Purpose, Activity? Activity, long Started)
    {
        public void Finish(string outcome)
        {
            var purpose = new KeyValuePair<string, object?>("purpose", Purpose);
            BotTelemetry.LlmCalls.Add(1, purpose, new KeyValuePair<string, object?>("outcome", outcome));
            BotTelemetry.LlmDuration.Record(BotTelemetry.Seconds(Started), purpose);
            if (Activity is { } activity)
            {
                activity.SetTag("tiexibot.llm.purpose", Purpose);
                activity.SetTag("tiexibot.llm.outcome", outcome);
                if (outcome != "ok")
                {
                    activity.SetStatus(ActivityStatusCode.Error, outcome);
                }

                activity.Dispose();
            }
        }
    }
}
