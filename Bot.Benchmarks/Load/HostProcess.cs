using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bot.Benchmarks.Load;

/// <summary>
/// The bot as a child process (<c>dotnet Bot.Host.dll serve</c>) on a fixed 127.0.0.1 port, configured through
/// environment variables (<c>Section__Key</c>), its output appended to a log file. It can be killed with SIGKILL and
/// started again on the same port and database, as a crash and a restart would.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly string _hostDll;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _logPath;
    private Process? _process;

    public HostProcess(string hostDll, IReadOnlyDictionary<string, string?> settings, string logPath, int? port = null)
    {
        _hostDll = hostDll;
        _settings = settings;
        _logPath = logPath;
        Port = port ?? FreePort();
        Address = new Uri($"http://127.0.0.1:{Port}/");
    }

    /// <summary>Bot.Host.dll next to the running assembly (project references copy it there).</summary>
    public static string DefaultHostDll => Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll");

    public int Port { get; }

    public Uri Address { get; }

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public string LogPath => _logPath;

    /// <summary>CPU time the host has used so far (user and system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            try
            {
                return _process is { HasExited: false } p ? p.TotalProcessorTime : TimeSpan.Zero;
            }
            catch (InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    /// <summary>Starts the host and waits until <c>/healthz</c> answers 200.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The host is already running.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { _hostDll, "serve", "--urls", $"http://127.0.0.1:{Port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(_hostDll))!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        var log = new StreamWriter(new FileStream(_logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var gate = new Lock();
        void Write(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                log.WriteLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Exited += (_, _) =>
        {
            lock (gate)
            {
                log.WriteLine($"--- host exited ({process.ExitCode}) ---");
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited during start-up with code {process.ExitCode}; see {_logPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Address, "healthz"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow start.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The host did not become healthy within {timeout}; see {_logPath}.");
    }

    /// <summary>SIGKILL: the process dies at once, nothing is flushed or drained.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>SIGTERM and a wait for the graceful shutdown (then SIGKILL).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process?.Dispose();
    }

    /// <summary>A free TCP port on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
