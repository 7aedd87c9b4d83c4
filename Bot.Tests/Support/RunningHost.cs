using System.Net;
using Bot.Host.Dashboard.Security;
using Bot.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Support;

/// <summary>
/// The real bot host listening on 127.0.0.1 with a free port, configured by key/value settings (the same keys as
/// appsettings.json / environment variables). Tests talk to it over real HTTP. Unless the settings name dashboard
/// accounts or a bootstrap file, the host gets two test accounts (<see cref="Admin"/>, <see cref="Viewer"/>).
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    /// <summary>Dashboard test accounts: (name, password).</summary>
    public static readonly (string Name, string Password) Admin = ("office-admin", "admin-password-1");
    public static readonly (string Name, string Password) Viewer = ("office-viewer", "viewer-password-1");

    // Few iterations: the format carries the count, and tests sign in often.
    private static readonly Lazy<(string Admin, string Viewer)> Hashes = new(() =>
        (DashboardPasswords.Hash(Admin.Password, DashboardPasswords.MinIterations), DashboardPasswords.Hash(Viewer.Password, DashboardPasswords.MinIterations)));

    private RunningHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<RunningHost> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0" };
        if (!settings.ContainsKey("Schedule:Enabled"))
        {
            args.Add("--Schedule:Enabled=false"); // Tests opt in to the scheduler: it would post reminders at real times.
        }

        if (!settings.Keys.Any(k => k.StartsWith("Dashboard:Users", StringComparison.Ordinal) || k == "Dashboard:BootstrapFile"))
        {
            args.AddRange(
            [
                $"--Dashboard:Users:0:Name={Admin.Name}", $"--Dashboard:Users:0:PasswordHash={Hashes.Value.Admin}", "--Dashboard:Users:0:Role=admin",
                $"--Dashboard:Users:1:Name={Viewer.Name}", $"--Dashboard:Users:1:PasswordHash={Hashes.Value.Viewer}", "--Dashboard:Users:1:Role=viewer",
            ]);
        }

        args.AddRange(settings.Select(kv => $"--{kv.Key}={kv.Value}"));
        var builder = BotHost.CreateBuilder([.. args], b => configure?.Invoke(b.Services));
        var app = builder.Build();
        app.MapBotEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(app, new Uri(address));
    }

    /// <summary>A client without redirects that keeps cookies; not signed in.</summary>
    public HttpClient CreateClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>A client signed in to the dashboard through the sign-in form (with its anti-forgery token).</summary>
    public async Task<HttpClient> SignInAsync((string Name, string Password) account)
    {
        var client = CreateClient();
        using var response = await PostSignInAsync(client, account.Name, account.Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {account.Name} failed: {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>Posts the sign-in form as a browser would: first GET /login for the anti-forgery cookie and field.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string name, string password, string returnUrl = "/")
    {
        var token = await FormTokenAsync(client, "/login");
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["username"] = name,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>The anti-forgery field value of the form on <paramref name="path"/>.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No anti-forgery field on {path}.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
