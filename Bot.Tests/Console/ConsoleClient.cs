using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Bot.Tests.Support;

namespace Bot.Tests.Console;

/// <summary>Form posts to the console as a browser sends them: with the anti-forgery field of a page of the dashboard.</summary>
public static partial class ConsoleClient
{
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, IDictionary<string, string>? fields = null)
    {
        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>())
        {
            ["__RequestVerificationToken"] = await RunningHost.FormTokenAsync(client, "/admin/plans"),
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    public static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string path, string fileName, byte[] content, IDictionary<string, string>? fields = null, string field = "file")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await RunningHost.FormTokenAsync(client, "/admin/plans")), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        return await client.PostAsync(path, form);
    }

    /// <summary>The id at the end of a redirect such as <c>/admin/plans/preview/7</c>.</summary>
    public static long IdOf(HttpResponseMessage redirect) =>
        long.Parse(TrailingId().Match(redirect.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/(\d+)(?:\?.*)?$")]
    private static partial Regex TrailingId();
}
