using System.Diagnostics;
using System.Text;

namespace Bot.Tests.Support;

/// <summary>The output of a run of the bot's command line.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout split into lines (the trailing newline does not make an empty last line).</summary>
    public string[] Lines => Stdout.Length == 0 ? [] : Stdout.TrimEnd('\n').Split('\n');
}

/// <summary>Runs the built Bot.Host (<c>dotnet Bot.Host.dll verb …</c>) as a separate process, as an operator would.</summary>
public static class BotProcess
{
    public static async Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string stdin = "", TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Bot.Host {string.Join(' ', arguments)} did not finish: {await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
