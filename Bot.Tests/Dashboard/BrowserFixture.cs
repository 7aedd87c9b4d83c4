using Bot.Skills.Calendar;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bot.Tests.Dashboard;

/// <summary>
/// The real host on 127.0.0.1 with a seeded board, and Debian's Chromium driven by Playwright (never a downloaded
/// browser): headless, no sandbox, background networking off, a fresh profile. A missing Chromium fails the tests
/// with a message saying how to get it; only TIEXIBOT_SKIP_BROWSER=1 outside CI skips them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private string? _profile;
    private TestDatabase? _database;
    private RunningHost? _host;
    private IPlaywright? _playwright;
    private IBrowserContext? _context;

    /// <summary>True when the developer asked to leave the browser out (never in CI).</summary>
    public static bool SkipRequested =>
        Environment.GetEnvironmentVariable("TIEXIBOT_SKIP_BROWSER") == "1" &&
        !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public RunningHost Host => _host ?? throw new InvalidOperationException("The host did not start.");

    public IBrowserContext Context => _context ?? throw new InvalidOperationException("The browser did not start.");

    public SeededBoard Seeded { get; private set; } = null!;

    /// <summary>Screenshots are kept here (git-ignored): TestResults/screenshots at the repository root.</summary>
    public static string ScreenshotDirectory => RepositoryFiles.PathOf("TestResults/screenshots");

    public string Url(string path) => new Uri(Host.Address, path).ToString();

    public async Task InitializeAsync()
    {
        if (SkipRequested)
        {
            return;
        }

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"浏览器测试需要 Debian 的 Chromium（{ChromiumPath}），本机没有安装。请运行 bash scripts/test.sh（缺少时会用 apt-get 安装 chromium 和 fonts-noto-cjk），" +
                $"或手动 apt-get install chromium fonts-noto-cjk / The browser tests need Debian's Chromium at {ChromiumPath}: run scripts/test.sh, " +
                "which installs it with apt-get, or set TIEXIBOT_SKIP_BROWSER=1 to leave them out on a developer machine.");
        }

        _database = await TestDatabase.CreateAsync("Sqlite");
        _host = await RunningHost.StartAsync(DashboardSeed.HostSettings(_database));
        Seeded = await DashboardSeed.SeedAsync(_host.Services, _host.Services.GetRequiredService<BusinessClock>().Today);

        Directory.CreateDirectory(ScreenshotDirectory);
        _profile = Directory.CreateTempSubdirectory("tiexibot-chromium-").FullName;
        _playwright = await Playwright.CreateAsync();
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            ChromiumSandbox = false,
            Args = ChromiumFlags,
            AcceptDownloads = true,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1360, Height = 900 },
        });
        // Generous: the machine is small and shared; Expect's own default (5 s) is too short under load.
        _context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>A new tab with no sign-in.</summary>
    public async Task<IPage> NewPageAsync()
    {
        await Context.ClearCookiesAsync();
        foreach (var open in Context.Pages.ToList())
        {
            await open.CloseAsync();
        }

        return await Context.NewPageAsync();
    }

    /// <summary>Signs in through the form and waits for the board.</summary>
    public async Task SignInAsync(IPage page, (string Name, string Password) account)
    {
        await page.GotoAsync(Url("/"));
        await page.FillAsync("#username", account.Name);
        await page.FillAsync("#password", account.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(Url("/"));
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_profile is not null)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be writing its profile while it exits; the temp folder is cleaned by the OS.
            }
        }
    }
}
