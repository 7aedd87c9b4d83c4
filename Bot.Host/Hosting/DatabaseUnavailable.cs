using System.Data.Common;
using System.Text;

namespace Bot.Host.Hosting;

/// <summary>
/// Answers 503 with <c>Retry-After</c> when a request fails because the database cannot be reached (down, restarting,
/// out of connections, locked): nothing was stored, so the callback must not be acknowledged, and WeCom and DingTalk
/// deliver a callback that was not answered 200 again. Other failures keep their usual answer.
/// </summary>
public static class DatabaseUnavailable
{
    public const string Text = "数据库暂时不可用，请稍后重试 / the database is unavailable; retry later.";

    /// <summary>The answer to a callback shed under load (<see cref="Bot.Host.Inbox.InboxAdmission"/>).</summary>
    public const string ShedText = "服务繁忙，请稍后重试 / busy; retry later.";

    public static IApplicationBuilder UseDatabaseUnavailable(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Bot.Host.Inbox.InboxShedException ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            HostingLog.Shed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseUnavailable).FullName!),
                context.Request.Method, context.Request.Path.Value, ex.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = Bot.Host.Inbox.InboxShedException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(ShedText, Encoding.UTF8);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            HostingLog.DatabaseUnavailable(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseUnavailable).FullName!),
                context.Request.Method, context.Request.Path.Value, ex.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(Text, Encoding.UTF8);
        }
    });

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions comes from the database driver.</summary>
    public static bool IsDatabaseFailure(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is DbException)
            {
                return true;
            }
        }

        return exception is AggregateException aggregate && aggregate.InnerExceptions.Any(IsDatabaseFailure);
    }
}
