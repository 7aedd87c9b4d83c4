using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Bot.Host.Channels;

/// <summary>
/// The one HTTP stack of every platform client (WeCom, DingTalk, the LLM): Microsoft.Extensions.Http.Resilience with
/// <list type="bullet">
/// <item>a total timeout around everything (the client's own <see cref="HttpClient.Timeout"/> still caps the call);</item>
/// <item>retries with exponential back-off and jitter on transient answers (5xx, 408, 429, connection failures, attempt
/// timeouts), honouring <c>Retry-After</c> — for idempotent requests only (GET, e.g. <c>gettoken</c>, media downloads;
/// the LLM's completions too, which change nothing):
/// a POST that sends a message is never repeated here, the durable outbox retries it with its own back-off and reads the
/// platforms' throttling codes (WeCom 45009/45033/-1 and DingTalk 429 or QpsLimit are transient there);</item>
/// <item>a per-attempt timeout;</item>
/// <item>a circuit breaker per client: after half the calls of 30 s (at least 20) failed, calls fail fast for 15 s, which
/// the outbox takes as a transient failure.</item>
/// </list>
/// </summary>
public static class PlatformHttp
{
    public const string PipelineName = "platform";

    /// <param name="builder">The named client.</param>
    /// <param name="retryPosts">True for a client whose POSTs have no side effect (the LLM's completions).</param>
    public static IHttpClientBuilder AddPlatformResilience(this IHttpClientBuilder builder, bool retryPosts = false)
    {
        builder.AddResilienceHandler(PipelineName, pipeline =>
        {
            // Network timeouts, back-off and the breaker run on the wall clock, never on the host's business clock
            // (a TimeProvider registered for scheduling or tests must not time out requests in flight).
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddTimeout(TimeSpan.FromSeconds(60));
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldRetryAfterHeader = true,
            };
            if (!retryPosts)
            {
                retry.DisableForUnsafeHttpMethods();
            }

            pipeline.AddRetry(retry);
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(15),
            });
            pipeline.AddTimeout(TimeSpan.FromSeconds(20));
        });
        return builder;
    }

    /// <summary>True for an answer the retry above would have repeated (used by tests and the outbox's classification).</summary>
    public static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
