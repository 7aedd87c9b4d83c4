using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Bot.Data.Leases;
using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.DingTalk;

/// <summary>
/// Stream mode (dingtalk.md §3): receives robot messages over a WebSocket, so no public address is needed. Runs only
/// when <c>DingTalk:Stream:Enabled</c>, and only on the host holding the <c>dingtalk-stream</c> lease (renewed while
/// connected; the other hosts retry). Each connection asks <c>connections/open</c> for a fresh one-time ticket; every
/// frame is ACKed with its messageId; pings are echoed; a <c>disconnect</c> or a socket silent for
/// <see cref="DingTalkStreamOptions.SilenceTimeout"/> leads to a new connection, and failures back off exponentially
/// with jitter. Robot messages go through <see cref="DingTalkInbound"/> like HTTP-mode callbacks (stored once per msgId
/// before the ACK).
/// </summary>
public sealed class DingTalkStreamService(
    DingTalkApiClient api,
    DingTalkInbound inbound,
    ILeaseRepository leases,
    IOptions<DingTalkOptions> options,
    TimeProvider time,
    ILogger<DingTalkStreamService> logger) : BackgroundService
{
    public const string LeaseName = "dingtalk-stream";

    /// <summary>Largest frame read from the socket.</summary>
    private const int MaxFrameBytes = 1024 * 1024;

    private readonly string _owner = Truncate($"{Guid.NewGuid():N}-{Environment.ProcessId}-{Environment.MachineName}", 64);
    private int _failures;
    private int _framesOnConnection;
    private bool _waitingLogged;

    private enum Ending
    {
        /// <summary>The server sent <c>disconnect</c> or closed the socket: reconnect at once.</summary>
        Disconnected,

        /// <summary>No frame within the silence timeout.</summary>
        Silent,

        /// <summary>Another host took the lease.</summary>
        LeaseLost,
    }

    /// <summary>True while this host has an open Stream connection.</summary>
    public bool IsConnected { get; private set; }

    /// <summary>True while another host holds the stream lease and this one waits.</summary>
    public bool IsWaitingForLease { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Stream;
        if (!settings.Enabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan delay;
                try
                {
                    IsWaitingForLease = !await leases.TryAcquireAsync(LeaseName, _owner, settings.LeaseDuration, stoppingToken);
                    if (IsWaitingForLease)
                    {
                        if (!_waitingLogged)
                        {
                            DingTalkLog.StreamHeldElsewhere(logger);
                            _waitingLogged = true;
                        }

                        delay = settings.LeaseDuration / 3;
                    }
                    else
                    {
                        _waitingLogged = false;
                        var ending = await RunLeasedAsync(stoppingToken);
                        delay = ending == Ending.Disconnected && _framesOnConnection > 0 ? TimeSpan.Zero : Backoff(_failures++);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    delay = Backoff(_failures++);
                    DingTalkLog.StreamFailed(logger, ex.Message, delay);
                }

                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping: the socket was aborted under us.
        }
        finally
        {
            IsConnected = false;
            await ReleaseLeaseAsync();
        }
    }

    /// <summary>min(MinBackoff·2^attempt + jitter(0..MinBackoff), MaxBackoff).</summary>
    private TimeSpan Backoff(int attempt)
    {
        var settings = options.Value.Stream;
        var exponential = settings.MinBackoff.Ticks * (double)(1L << Math.Clamp(attempt, 0, 30));
#pragma warning disable CA5394 // Jitter spreads reconnects; it is not security-sensitive.
        var jitter = settings.MinBackoff.Ticks * Random.Shared.NextDouble();
#pragma warning restore CA5394
        return TimeSpan.FromTicks((long)Math.Min(settings.MaxBackoff.Ticks, exponential + jitter));
    }

    /// <summary>Runs one connection while renewing the lease; the connection ends when the lease is lost.</summary>
    private async Task<Ending> RunLeasedAsync(CancellationToken stoppingToken)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewLeaseAsync(connection);
        try
        {
            return await RunConnectionAsync(connection.Token);
        }
        catch (OperationCanceledException) when (connection.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            return Ending.LeaseLost;
        }
        finally
        {
            IsConnected = false;
            await connection.CancelAsync();
            await renewal;
        }
    }

    private async Task RenewLeaseAsync(CancellationTokenSource connection)
    {
        var settings = options.Value.Stream;
        try
        {
            while (!connection.IsCancellationRequested)
            {
                await Task.Delay(settings.LeaseDuration / 3, time, connection.Token);
                bool held;
                try
                {
                    held = await leases.TryAcquireAsync(LeaseName, _owner, settings.LeaseDuration, connection.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    DingTalkLog.StreamLeaseRenewalFailed(logger, ex.Message);
                    continue;
                }

                if (!held)
                {
                    DingTalkLog.StreamLeaseLost(logger);
                    await connection.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Connection over.
        }
    }

    private async Task<Ending> RunConnectionAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _framesOnConnection = 0;
        var ticket = await api.OpenStreamConnectionAsync(cancellationToken);
        var separator = ticket.Endpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var uri = new Uri($"{ticket.Endpoint}{separator}ticket={Uri.EscapeDataString(ticket.Ticket)}");

        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = settings.Stream.KeepAliveInterval;
        if (settings.Stream.KeepAliveInterval > TimeSpan.Zero)
        {
            socket.Options.KeepAliveTimeout = settings.Stream.KeepAliveInterval;
        }

        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connectTimeout.CancelAfter(settings.HttpTimeout);
            await socket.ConnectAsync(uri, connectTimeout.Token);
        }

        IsConnected = true;
        DingTalkLog.StreamConnected(logger, Hosting.RedactingHttpClientLogger.Redact(uri));

        using var watchdog = new CancellationTokenSource(settings.Stream.SilenceTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watchdog.Token);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                var text = await ReceiveAsync(socket, buffer, linked.Token);
                if (text is null)
                {
                    DingTalkLog.StreamClosedByServer(logger, socket.CloseStatusDescription ?? socket.CloseStatus?.ToString());
                    return Ending.Disconnected;
                }

                watchdog.CancelAfter(settings.Stream.SilenceTimeout);
                _failures = 0;
                _framesOnConnection++;
                if (await HandleFrameAsync(socket, text, linked.Token))
                {
                    await CloseQuietlyAsync(socket);
                    return Ending.Disconnected;
                }
            }
        }
        catch (OperationCanceledException) when (watchdog.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            DingTalkLog.StreamSilent(logger, settings.Stream.SilenceTimeout);
            socket.Abort();
            return Ending.Silent;
        }
    }

    /// <summary>Handles one frame and ACKs it; true when the server asked to disconnect.</summary>
    private async Task<bool> HandleFrameAsync(ClientWebSocket socket, string text, CancellationToken cancellationToken)
    {
        var frame = DingTalkStreamFrame.Parse(text);
        if (frame is null)
        {
            DingTalkLog.StreamFrameUnreadable(logger, text.Length); // frames carry message text
            return false;
        }

        var (code, message, data, disconnect) = await ProcessAsync(frame, cancellationToken);
        if (!string.IsNullOrEmpty(frame.MessageId))
        {
            var ack = Encoding.UTF8.GetBytes(DingTalkStreamFrame.Ack(frame.MessageId, code, message, data));
            await socket.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }

        return disconnect;
    }

    private async Task<(int Code, string Message, string Data, bool Disconnect)> ProcessAsync(DingTalkStreamFrame frame, CancellationToken cancellationToken)
    {
        switch (frame.Type)
        {
            case DingTalkStreamFrame.System when frame.Topic == DingTalkStreamFrame.DisconnectTopic:
                DingTalkLog.StreamDisconnectRequested(logger, frame.Data);
                return (200, "OK", frame.Data, true);
            case DingTalkStreamFrame.System:
                // ping (echo the opaque data) and unknown SYSTEM topics alike.
                return (200, "OK", frame.Data, false);
            case DingTalkStreamFrame.Callback when frame.Topic == DingTalkApiClient.BotMessageTopic:
                try
                {
                    await inbound.IngestAsync(frame.Data, "stream", cancellationToken);
                    return (200, "OK", DingTalkStreamFrame.CallbackAckData, false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    DingTalkLog.StreamMessageNotStored(logger, ex, frame.MessageId);
                    return (500, "internal error", DingTalkStreamFrame.CallbackAckData, false);
                }

            case DingTalkStreamFrame.Callback:
                return (404, "topic not handled", DingTalkStreamFrame.CallbackAckData, false);
            case DingTalkStreamFrame.Event:
                return (200, "OK", DingTalkStreamFrame.EventAckData, false);
            default:
                return (404, "unknown frame type", "", false);
        }
    }

    /// <summary>One whole text message, or null when the server closed the socket.</summary>
    private static async Task<string?> ReceiveAsync(ClientWebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(8 * 1024), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseQuietlyAsync(socket);
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxFrameBytes)
            {
                throw new InvalidDataException($"DingTalk stream frame exceeds {MaxFrameBytes} bytes");
            }

            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer.WrittenSpan);
            }
        }
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket is going away anyway.
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private async Task ReleaseLeaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await leases.ReleaseAsync(LeaseName, _owner, timeout.Token);
        }
        catch (Exception ex)
        {
            DingTalkLog.StreamLeaseReleaseFailed(logger, ex.Message);
        }
    }
}
