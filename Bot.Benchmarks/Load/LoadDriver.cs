using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace Bot.Benchmarks.Load;

/// <summary>What one load run sends.</summary>
public sealed record LoadSettings
{
    /// <summary>Messages per second, both platforms together (open loop: sends do not wait for answers).</summary>
    public double Rate { get; init; } = 500;

    public double Seconds { get; init; } = 60;

    /// <summary>The share of WeCom intelligent-robot messages; the rest are DingTalk HTTP-mode messages.</summary>
    public double WeComShare { get; init; } = 0.5;

    /// <summary>Distinct senders (roster members) the messages rotate through.</summary>
    public int Senders { get; init; } = 2000;

    /// <summary>
    /// How often a callback that was not answered 200 is delivered again (the platforms retry a failed or timed-out
    /// callback); 0 for a plain load run, where every non-200 is reported as rejected.
    /// </summary>
    public int Retries { get; init; }

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one callback may take before it counts as failed (WeCom waits 5 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often WeCom refreshes a stream that is not finished yet.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Unique per run: message ids are <c>{RunId}-{n}</c>.</summary>
    public string RunId { get; init; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}

/// <summary>One message of a run and what became of it.</summary>
public sealed class LoadMessage(int index, bool weCom, string msgId, int sender)
{
    public int Index { get; } = index;

    public bool WeCom { get; } = weCom;

    public string MsgId { get; } = msgId;

    public int Sender { get; } = sender;

    /// <summary>HTTP status of the last delivery attempt (0: no answer: timeout or connection refused).</summary>
    public int Status { get; set; } = -1;

    public bool Accepted => Status == 200;

    public int Attempts { get; set; }

    /// <summary>Milliseconds from the scheduled send time to the answer of the first attempt (NaN when unanswered).</summary>
    public double AckMs { get; set; } = double.NaN;

    /// <summary>Stream refreshes answered finish:true with content (WeCom).</summary>
    public int StreamReplies { get; set; }

    /// <summary>Stream refreshes answered finish:true without content (an unknown stream).</summary>
    public int StreamEmpty { get; set; }

    public int Refreshes { get; set; }

    /// <summary>The host finished the stream in its first answer (a deep backlog): WeCom does not refresh it.</summary>
    public bool StreamClosedAtOnce { get; set; }

    public bool StreamDone { get; set; }
}

/// <summary>
/// Sends signed WeCom and DingTalk callbacks to a host at a fixed rate for a fixed time (open loop, bounded in count and
/// time), plays WeCom's stream refreshes for the robot's answers, and records every answer. Only loopback hosts.
/// </summary>
public sealed class LoadDriver : IDisposable
{
    private readonly HttpClient _http;
    private readonly LoadCallbacks _callbacks;
    private readonly FakePlatform _platform;
    private readonly LoadSettings _settings;
    private readonly CancellationTokenSource _stopRefreshing = new();
    private readonly ConcurrentBag<Task> _refreshes = [];
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, int> _statuses = new();

    public LoadDriver(Uri host, LoadCallbacks callbacks, FakePlatform platform, LoadSettings settings)
    {
        if (!host.IsLoopback)
        {
            throw new ArgumentException("Load is only ever sent to a host on this machine (127.0.0.1).", nameof(host));
        }

        _callbacks = callbacks;
        _platform = platform;
        _settings = settings;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        })
        {
            BaseAddress = host,
            Timeout = settings.RequestTimeout,
        };
        var total = (int)Math.Round(settings.Rate * settings.Seconds);
        var weComEvery = settings.WeComShare;
        Messages = Enumerable.Range(0, total)
            .Select(i => new LoadMessage(i, Math.Floor((i + 1) * weComEvery) > Math.Floor(i * weComEvery),
                string.Create(CultureInfo.InvariantCulture, $"{settings.RunId}-{i}"), i % settings.Senders))
            .ToArray();
    }

    public IReadOnlyList<LoadMessage> Messages { get; }

    public LoadSettings Settings => _settings;

    /// <summary>Failures without an HTTP answer, by exception type.</summary>
    public IReadOnlyDictionary<string, int> Errors => _errors;

    /// <summary>Answers to every delivery attempt of a message callback, by HTTP status (0: no answer).</summary>
    public IReadOnlyDictionary<int, int> StatusCounts => _statuses;

    /// <summary>Wall time of the sending phase (first send to last answer).</summary>
    public TimeSpan SendDuration { get; private set; }

    /// <summary>Sends every message at its scheduled time and waits for every answer (and every retry).</summary>
    public async Task SendAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var sends = new Task[Messages.Count];
        for (var i = 0; i < Messages.Count; i++)
        {
            var due = i / _settings.Rate;
            var wait = due - clock.Elapsed.TotalSeconds;
            if (wait > 0.0015)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
            }

            sends[i] = SendOneAsync(Messages[i], clock, due, cancellationToken);
        }

        await Task.WhenAll(sends);
        SendDuration = clock.Elapsed;
    }

    /// <summary>True when every accepted WeCom message has its stream answer.</summary>
    public bool StreamsDone => Messages.All(m => !m.WeCom || !m.Accepted || m.StreamDone);

    /// <summary>Stops refreshing streams and waits for the refresh loops to end.</summary>
    public async Task StopRefreshingAsync()
    {
        await _stopRefreshing.CancelAsync();
        await Task.WhenAll(_refreshes);
    }

    public void Dispose()
    {
        _stopRefreshing.Dispose();
        _http.Dispose();
    }

    private async Task SendOneAsync(LoadMessage message, Stopwatch clock, double due, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var text = LoadTexts.For(message.Index);
        for (var attempt = 0; attempt <= _settings.Retries; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(_settings.RetryDelay, cancellationToken);
            }

            message.Attempts++;
            using var request = message.WeCom
                ? _callbacks.WeComMessage(message.MsgId, message.Sender, text, _platform.ResponseUrl(message.MsgId))
                : _callbacks.DingTalkMessage(message.MsgId, message.Sender, text, _platform.SessionWebhook(message.MsgId));
            string? body;
            (message.Status, body) = await SendAsync(request, readBody: message.WeCom, cancellationToken);
            _statuses.AddOrUpdate(message.Status, 1, (_, n) => n + 1);
            if (attempt == 0 && message.Status > 0)
            {
                message.AckMs = clock.Elapsed.TotalMilliseconds - due * 1000;
            }

            if (message.Accepted)
            {
                if (message.WeCom)
                {
                    // WeCom refreshes a stream only while the host's answers say finish:false.
                    if (body is { Length: > 0 } && _callbacks.ReadStream(body).Finish)
                    {
                        message.StreamClosedAtOnce = true;
                        message.StreamDone = true;
                    }
                    else
                    {
                        _refreshes.Add(RefreshAsync(message));
                    }
                }

                return;
            }
        }
    }

    private async Task<(int Status, string? Body)> SendAsync(HttpRequestMessage request, bool readBody, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = readBody && response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
            return ((int)response.StatusCode, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _errors.AddOrUpdate(ex is TaskCanceledException ? "timeout" : "connection", 1, (_, n) => n + 1);
            return (0, null);
        }
    }

    /// <summary>Plays WeCom: refreshes the stream until it is finished (or refreshing is stopped).</summary>
    private async Task RefreshAsync(LoadMessage message)
    {
        var stop = _stopRefreshing.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(_settings.RefreshInterval, stop);
                message.Refreshes++;
                try
                {
                    using var request = _callbacks.WeComRefresh(message.MsgId, message.Sender);
                    using var response = await _http.SendAsync(request, stop);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        continue;
                    }

                    var (finish, content) = _callbacks.ReadStream(await response.Content.ReadAsStringAsync(stop));
                    if (!finish)
                    {
                        continue;
                    }

                    if (content.Length > 0)
                    {
                        message.StreamReplies++;
                    }
                    else
                    {
                        message.StreamEmpty++;
                    }

                    message.StreamDone = true;
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
                {
                    // The host is down or slow: WeCom refreshes again.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Refreshing stopped.
        }
    }
}
