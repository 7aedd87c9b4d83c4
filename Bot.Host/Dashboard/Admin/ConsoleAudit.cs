using System.Globalization;
using Bot.Data.Audit;
using Bot.Data.Common;
using Bot.Host.Dashboard.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace Bot.Host.Dashboard.Admin;

/// <summary>
/// What every console post does first and last: the anti-forgery check (the admin role is the route group's policy),
/// and one audit row per change naming the signed-in user, the record and its old and new values.
/// </summary>
public sealed class ConsoleAudit(IAuditRepository audit, IAntiforgery antiforgery)
{
    /// <summary>The audit actor of a console change: the dashboard account, marked as coming from the console.</summary>
    public static string Actor(HttpContext http) => $"{http.User.Identity?.Name ?? "?"}（控制台）";

    /// <summary>Null when the form may be processed, else the "page expired" answer.</summary>
    public async Task<IResult?> RejectAsync(HttpContext http) =>
        await SignInEndpoints.IsValidAsync(antiforgery, http) ? null : SignInEndpoints.Expired(http);

    public Task RecordAsync(HttpContext http, string action, string entity, long? id, object? oldValue, object? newValue, CancellationToken cancellationToken) =>
        audit.AddAsync(new AuditEntry
        {
            Actor = Actor(http),
            Action = action,
            Entity = entity,
            EntityId = id?.ToString(CultureInfo.InvariantCulture),
            OldValue = oldValue is null ? null : oldValue as string ?? Json.Serialize(oldValue),
            NewValue = newValue is null ? null : newValue as string ?? Json.Serialize(newValue),
        }, cancellationToken);
}

/// <summary>Reading form fields.</summary>
public static class FormValues
{
    public static string? Text(IFormCollection form, string name) =>
        form[name].ToString() is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public static long? Long(IFormCollection form, string name) =>
        long.TryParse(form[name], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;

    public static int? Int(IFormCollection form, string name) =>
        int.TryParse(form[name], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static DateOnly? Date(IFormCollection form, string name) =>
        DateOnly.TryParseExact(form[name].ToString().Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The bytes of an uploaded file (up to <paramref name="maxBytes"/>; null when none or larger).</summary>
    public static async Task<(IFormFile File, byte[]? Bytes)?> FileAsync(IFormCollection form, string name, long maxBytes, CancellationToken cancellationToken)
    {
        var file = form.Files.GetFile(name);
        if (file is null || file.Length == 0)
        {
            return null;
        }

        if (file.Length > maxBytes)
        {
            return (file, null);
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return (file, buffer.ToArray());
    }
}
