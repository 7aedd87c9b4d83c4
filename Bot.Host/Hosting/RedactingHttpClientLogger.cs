using System.Globalization;
using Microsoft.Extensions.Http.Logging;

namespace Bot.Host.Hosting;

/// <summary>
/// The only request logging of every <see cref="IHttpClientFactory"/> client (WeCom, DingTalk, the LLM and any
/// other): it replaces the factory's default handlers, which log the full request URL at Information. Platform URLs
/// carry credentials in their query string (<c>access_token=</c>, <c>corpsecret=</c>, the robot webhook <c>key=</c>,
/// the custom robot <c>sign=</c>, the sessionWebhook <c>session=</c>, the robot <c>response_code=</c>), so only
/// scheme, host, port and path are logged, never the query, user info, headers or bodies (message text, API keys).
/// A failure is logged with the exception type only: exception messages can quote URLs or platform answers.
/// </summary>
public sealed partial class RedactingHttpClientLogger(ILogger<RedactingHttpClientLogger> logger) : IHttpClientLogger
{
    /// <summary>Stands in for a removed query string.</summary>
    public const string RedactedQuery = "?…";

    public object? LogRequestStart(HttpRequestMessage request)
    {
        Starting(logger, request.Method.Method, Redact(request.RequestUri));
        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        Finished(logger, request.Method.Method, Redact(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        Failed(logger, request.Method.Method, Redact(request.RequestUri),
            response is null ? "-" : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), exception.GetType().Name, elapsed.TotalMilliseconds);

    /// <summary><c>https://host[:port]/path</c>, with <see cref="RedactedQuery"/> when the URL had a query; no user info or fragment.</summary>
    public static string Redact(Uri? uri)
    {
        if (uri is null)
        {
            return "(no url)";
        }

        if (!uri.IsAbsoluteUri)
        {
            var text = uri.OriginalString;
            var cut = text.IndexOfAny(['?', '#']);
            return cut < 0 ? text : text[..cut] + (text[cut] == '?' ? RedactedQuery : "");
        }

        return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) +
            (uri.Query.Length > 1 ? RedactedQuery : "");
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Debug, Message = "HTTP {Method} {Url} started")]
    private static partial void Starting(ILogger logger, string method, string url);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Debug, Message = "HTTP {Method} {Url} answered {Status} in {ElapsedMs:0.0} ms")]
    private static partial void Finished(ILogger logger, string method, string url, int status, double elapsedMs);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Warning, Message = "HTTP {Method} {Url} failed ({Status}, {Error}) after {ElapsedMs:0.0} ms")]
    private static partial void Failed(ILogger logger, string method, string url, string status, string error, double elapsedMs);
}

/// <summary>Registration of <see cref="RedactingHttpClientLogger"/> for every HTTP client of the process.</summary>
public static class RedactingHttpClientLogging
{
    /// <summary>
    /// Every client built by <see cref="IHttpClientFactory"/> (named or not, registered before or after this call) loses
    /// the default URL-logging handlers and gets <see cref="RedactingHttpClientLogger"/> instead. A named client must
    /// not call <c>RemoveAllLoggers()</c> itself: that would remove this logger too.
    /// </summary>
    public static IServiceCollection AddRedactingHttpClientLogging(this IServiceCollection services)
    {
        services.TryAddSingletonLogger();
        services.ConfigureHttpClientDefaults(builder => builder.RemoveAllLoggers().AddLogger<RedactingHttpClientLogger>(wrapHandlersPipeline: true));
        return services;
    }

    private static void TryAddSingletonLogger(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(RedactingHttpClientLogger)))
        {
            services.AddSingleton<RedactingHttpClientLogger>();
        }
    }
}
