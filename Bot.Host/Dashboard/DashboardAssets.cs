using System.Collections.Frozen;

namespace Bot.Host.Dashboard;

/// <summary>The stylesheet and the chat script, embedded in the assembly and served at <c>/assets/{name}</c> without sign-in.</summary>
public static class DashboardAssets
{
    private static readonly FrozenDictionary<string, (string ContentType, byte[] Content)> Files = Load();

    public static IReadOnlyCollection<string> Names => Files.Keys;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/assets/{name}", (HttpContext http, string name) =>
        {
            if (!Files.TryGetValue(name, out var file))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(file.Content, file.ContentType);
        });

    private static FrozenDictionary<string, (string, byte[])> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        const string prefix = "Bot.Host.Dashboard.Assets.";
        var files = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[prefix.Length..];
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            files[name] = (type, copy.ToArray());
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
