using System.Globalization;

namespace Bot.Benchmarks.Load;

/// <summary>
/// Scrapes the host's Prometheus <c>/metrics</c> (on <c>Telemetry:MetricsPort</c>) once a second during a run and keeps
/// the highest inbox and outbox depth and age seen: the operator's view of the same run the driver measures.
/// </summary>
public sealed class MetricsSampler : IAsyncDisposable
{
    private static readonly string[] Gauges =
        ["tiexibot_inbox_depth", "tiexibot_inbox_oldest_age_seconds", "tiexibot_outbox_depth", "tiexibot_outbox_oldest_age_seconds"];

    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, double> _max = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private int _scrapes;
    private int _failures;

    public MetricsSampler(int port)
    {
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(2) };
        _loop = LoopAsync(_stop.Token);
    }

    /// <summary>One line for the run's report.</summary>
    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        lock (_max)
        {
            var seen = string.Join(", ", Gauges.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g} max {_max.GetValueOrDefault(g, double.NaN):0.#}")));
            return string.Create(CultureInfo.InvariantCulture, $"/metrics scraped {_scrapes} times during the run ({_failures} unanswered): {seen}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
        _http.Dispose();
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var text = await _http.GetStringAsync(new Uri("metrics", UriKind.Relative), stop);
                Interlocked.Increment(ref _scrapes);
                Read(text);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failures);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Read(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            foreach (var gauge in Gauges)
            {
                if (!line.StartsWith(gauge, StringComparison.Ordinal) || line.Length <= gauge.Length || line[gauge.Length] is not (' ' or '{'))
                {
                    continue;
                }

                var value = line[(line.LastIndexOf(' ') + 1)..];
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    lock (_max)
                    {
                        _max[gauge] = Math.Max(_max.GetValueOrDefault(gauge, 0), number);
                    }
                }
            }
        }
    }
}
