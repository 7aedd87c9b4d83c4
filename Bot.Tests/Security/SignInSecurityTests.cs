using System.Net;
using Bot.Host.Dashboard.Security;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Security;

/// <summary>Finding 5 and the first-start password of finding 6: sign-in that an outsider cannot lock.</summary>
public sealed class SignInSecurityTests
{
    [Fact]
    public void Failures_delay_their_own_address_exponentially_and_never_another_address()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < SignInThrottle.FreeFailuresPerAccount; i++)
        {
            Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("admin", "203.0.113.9"));
            throttle.Fail("admin", "203.0.113.9");
        }

        Assert.Equal(SignInThrottle.FirstDelay, throttle.RetryAfter("admin", "203.0.113.9"));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("admin", "198.51.100.7"));
        clock.Advance(SignInThrottle.FirstDelay);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("admin", "203.0.113.9"));
        throttle.Fail("admin", "203.0.113.9");
        Assert.Equal(2 * SignInThrottle.FirstDelay, throttle.RetryAfter("admin", "203.0.113.9"));

        // Guessing other accounts from the address: the address itself is slowed after its free failures.
        for (var i = 0; i < SignInThrottle.FreeFailuresPerAddress; i++)
        {
            throttle.Fail("user" + i, "192.0.2.1");
        }

        Assert.True(throttle.RetryAfter("someone-else", "192.0.2.1") > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("someone-else", "192.0.2.2"));
        Assert.Equal(SignInThrottle.MaxDelay, SignInThrottle.DelayAfter(1000, SignInThrottle.FreeFailuresPerAddress));
    }

    [Fact]
    public async Task Wrong_passwords_from_one_client_behind_the_proxy_never_refuse_the_right_password_of_another()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);
        using var attacker = host.CreateClient();
        attacker.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        using var office = host.CreateClient();
        office.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");

        for (var i = 0; i < SignInThrottle.FreeFailuresPerAddress + 5; i++)
        {
            using var failed = await RunningHost.PostSignInAsync(attacker, RunningHost.Admin.Name, "guess-" + i);
        }

        using var throttled = await RunningHost.PostSignInAsync(attacker, RunningHost.Admin.Name, RunningHost.Admin.Password);
        using var signedIn = await RunningHost.PostSignInAsync(office, RunningHost.Admin.Name, RunningHost.Admin.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Contains(SignInEndpoints.TooManyFailures, await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_from_the_offices_own_address_never_refuse_a_browser_that_signed_in_before()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);
        // The office and the attacker share one public address (NAT, or a proxy that ForwardedHeaders does not name).
        var officeCookies = new CookieContainer();
        using var office = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = officeCookies }) { BaseAddress = host.Address };
        office.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        using var attacker = host.CreateClient();
        attacker.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        using var newBrowser = host.CreateClient();
        newBrowser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        using var firstVisit = await RunningHost.PostSignInAsync(office, RunningHost.Admin.Name, RunningHost.Admin.Password);
        Assert.Equal(HttpStatusCode.Redirect, firstVisit.StatusCode);
        SignOut(officeCookies, host.Address); // the session ends; the browser keeps its device cookie

        for (var i = 0; i < SignInThrottle.FreeFailuresPerAddress + 5; i++)
        {
            using var failed = await RunningHost.PostSignInAsync(attacker, RunningHost.Admin.Name, "guess-" + i);
        }

        using var throttled = await RunningHost.PostSignInAsync(attacker, RunningHost.Admin.Name, RunningHost.Admin.Password);
        using var unknownBrowser = await RunningHost.PostSignInAsync(newBrowser, RunningHost.Admin.Name, RunningHost.Admin.Password);
        using var knownBrowser = await RunningHost.PostSignInAsync(office, RunningHost.Admin.Name, RunningHost.Admin.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, unknownBrowser.StatusCode); // no device cookie: the address counts
        Assert.Equal(HttpStatusCode.Redirect, knownBrowser.StatusCode);
    }

    [Fact]
    public async Task A_device_cookie_of_one_account_does_not_lift_the_address_delay_for_another()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);
        var cookies = new CookieContainer();
        using var insider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = host.Address };
        insider.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.10");
        using var viewer = await RunningHost.PostSignInAsync(insider, RunningHost.Viewer.Name, RunningHost.Viewer.Password);
        Assert.Equal(HttpStatusCode.Redirect, viewer.StatusCode);
        Assert.NotNull(cookies.GetCookies(new Uri(host.Address, "/login"))[SignInDevices.CookieName]);
        SignOut(cookies, host.Address);

        for (var i = 0; i < SignInThrottle.FreeFailuresPerAddress; i++)
        {
            using var failed = await RunningHost.PostSignInAsync(insider, RunningHost.Admin.Name, "guess-" + i);
        }

        using var throttled = await RunningHost.PostSignInAsync(insider, RunningHost.Admin.Name, "another-guess");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
    }

    [Fact]
    public async Task With_a_proxy_list_configured_a_forwarded_address_from_elsewhere_is_not_believed()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>(db.Settings) { ["ForwardedHeaders:KnownProxies:0"] = "10.1.2.3" });
        using var client = host.CreateClient();

        // Each request claims a fresh address; not from the known proxy, so all count against 127.0.0.1.
        for (var i = 0; i < SignInThrottle.FreeFailuresPerAccount; i++)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var failed = await RunningHost.PostSignInAsync(client, RunningHost.Viewer.Name, "guess-" + i);
        }

        using var throttled = await RunningHost.PostSignInAsync(client, RunningHost.Viewer.Name, "another-guess");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
    }

    [Fact]
    public async Task The_first_start_password_is_never_logged_is_kept_owner_only_and_must_be_changed_at_the_first_sign_in()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var directory = Path.Combine(Path.GetTempPath(), "tiexibot-bootstrap-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(directory, "dashboard-admin.txt");
        var passwordFile = Path.Combine(directory, "dashboard-admin.password");
        var settings = new Dictionary<string, string?>(db.Settings) { ["Dashboard:BootstrapFile"] = file, ["Logging:LogLevel:Default"] = "Trace" };
        var log = new CapturingLoggerProvider();
        try
        {
            await using var host = await RunningHost.StartAsync(settings, s => s.AddSingleton<ILoggerProvider>(log));
            var password = File.ReadAllLines(passwordFile).Single(l => l.StartsWith("admin ", StringComparison.Ordinal))["admin ".Length..];
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            Assert.DoesNotContain(password, await File.ReadAllTextAsync(file), StringComparison.Ordinal);

            using var client = host.CreateClient();
            using var signIn = await RunningHost.PostSignInAsync(client, "admin", password);
            using var board = await client.GetAsync("/");
            using var api = await client.PostAsync("/admin/hash", new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = "x" }));
            var token = await RunningHost.FormTokenAsync(client, SignInEndpoints.ChangePasswordPath);
            using var tooShort = await ChangeAsync(client, token, password, "short");
            using var changed = await ChangeAsync(client, token, password, "a-long-new-office-password");
            using var boardAfter = await client.GetAsync("/");
            using var oldPassword = await RunningHost.PostSignInAsync(host.CreateClient(), "admin", password);
            using var newPassword = await RunningHost.PostSignInAsync(host.CreateClient(), "admin", "a-long-new-office-password");

            Assert.Equal(SignInEndpoints.ChangePasswordPath, signIn.Headers.Location?.OriginalString);
            Assert.Equal((HttpStatusCode.Redirect, SignInEndpoints.ChangePasswordPath), (board.StatusCode, board.Headers.Location?.OriginalString));
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
            Assert.Equal(HttpStatusCode.OK, boardAfter.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
            Assert.Equal((HttpStatusCode.Redirect, "/"), (newPassword.StatusCode, newPassword.Headers.Location?.OriginalString));
            Assert.False(File.Exists(passwordFile));
            Assert.DoesNotContain(password, log.All, StringComparison.Ordinal);
            Assert.DoesNotContain("a-long-new-office-password", log.All, StringComparison.Ordinal);
            Assert.Contains(log.Messages, m => m.Contains("one-time password is printed on the console", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Drops the session cookie as a browser does when the session ends; other cookies stay.</summary>
    private static void SignOut(CookieContainer cookies, Uri address)
    {
        foreach (Cookie cookie in cookies.GetAllCookies())
        {
            if (cookie.Name != SignInDevices.CookieName && !cookie.Name.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal))
            {
                cookie.Expired = true;
            }
        }

        Assert.Null(cookies.GetCookies(address)["tiexibot.auth"]);
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string token, string current, string password) =>
        client.PostAsync(SignInEndpoints.ChangePasswordPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["current"] = current,
            ["password"] = password,
            ["confirm"] = password,
        }));
}
