using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Support;

/// <summary>The DingTalk endpoints the fake serves, for scripting failures.</summary>
public enum FakeDingTalkRoute
{
    AccessToken,
    GroupSend,
    OneOnOneSend,
    SessionWebhook,
    CustomRobot,
    ConnectionOpen,
}

/// <summary>One request the fake answered (successfully or not).</summary>
public sealed record FakeDingTalkRequest(FakeDingTalkRoute Route, string Query, JsonObject Body, string? AccessToken, int Status, string Response)
{
    public string? Field(string name) => Body[name]?.GetValue<string>();

    /// <summary>The <c>msgParam</c> of an OpenAPI send, parsed (it travels as a JSON string).</summary>
    public JsonObject MsgParam => JsonNode.Parse(Field("msgParam")!)!.AsObject();

    /// <summary>The text of a webhook body (text content or markdown text).</summary>
    public string? WebhookText => Body["text"]?["content"]?.GetValue<string>() ?? Body["markdown"]?["text"]?.GetValue<string>();

    public IReadOnlyList<string> AtUserIds => Body["at"]?["atUserIds"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
}

/// <summary>A custom-robot post: its signed timestamp (ms) and whether the signature matched.</summary>
public sealed record FakeCustomRobotPost(string AccessToken, long Timestamp, bool SignatureValid, long ErrCode, FakeDingTalkRequest Request);

/// <summary>An ACK frame received over the Stream socket.</summary>
public sealed record FakeStreamAck(string MessageId, int Code, string? Message, string? Data, string Ticket);

/// <summary>
/// A local DingTalk for tests: a Kestrel app on 127.0.0.1:0 serving the access token, the OpenAPI group and 1:1 sends,
/// sessionWebhooks, custom robot webhooks (verifying the signature and enforcing 20 per minute with 130101), and the
/// Stream gateway (<c>connections/open</c> plus a WebSocket that pushes frames, drops the socket, records ACKs and
/// redelivers frames that were not ACKed). Any route can be told to fail for a while.
/// </summary>
public sealed class FakeDingTalkServer : IAsyncDisposable
{
    public const string AppKey = "dingfakeappkey0001";
    public const string AppSecret = "fake-app-secret/with+specials=";
    public const string BotTopic = "/v1.0/im/bot/messages/get";

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<FakeDingTalkRequest> _requests = [];
    private readonly List<FakeCustomRobotPost> _customRobotPosts = [];
    private readonly List<FakeStreamAck> _acks = [];
    private readonly List<string> _ticketsIssued = [];
    private readonly List<string> _ticketsConnected = [];
    private readonly HashSet<string> _validTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expiredSessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _customRobots = new(StringComparer.Ordinal);
    private readonly Dictionary<FakeDingTalkRoute, Queue<(int Status, string Body)>> _failures = [];
    private readonly Dictionary<string, long> _blockedUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _unacked = new(StringComparer.Ordinal);
    private readonly List<string> _unackedOrder = [];
    private StreamConnection? _current;
    private int _tokenCounter;

    private FakeDingTalkServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Pictures and files users sent the robot, by downloadCode (<c>messageFiles/download</c>, then <c>/files/{code}</c>).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public string BaseUrl => Url.ToString().TrimEnd('/');

    public string RobotCode { get; set; } = AppKey;

    /// <summary>The fake's clock for timestamp checks (a test with a FakeTimeProvider points it there).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Seconds an access token lives.</summary>
    public int TokenLifetimeSeconds { get; set; } = 7200;

    /// <summary>Push frames that were never ACKed again when a new socket connects (DingTalk may redeliver).</summary>
    public bool RedeliverUnacked { get; set; } = true;

    /// <summary>Settings that point the bot at this fake (HTTP mode, OpenAPI, Stream gateway).</summary>
    public Dictionary<string, string?> Settings(bool stream = false) => new()
    {
        ["DingTalk:AppKey"] = AppKey,
        ["DingTalk:AppSecret"] = AppSecret,
        ["DingTalk:RobotCode"] = AppKey,
        ["DingTalk:ApiBaseUrl"] = BaseUrl,
        ["DingTalk:OapiBaseUrl"] = BaseUrl,
        ["DingTalk:Stream:Enabled"] = stream ? "true" : "false",
        ["DingTalk:Stream:GatewayUrl"] = BaseUrl + "/v1.0/gateway/connections/open",
        // The fake serves sessionWebhooks over plain http on loopback: allowed explicitly, for tests only.
        ["DingTalk:AllowedWebhookHosts:0"] = BaseUrl,
    };

    public IReadOnlyList<FakeDingTalkRequest> Requests(FakeDingTalkRoute route)
    {
        lock (_gate)
        {
            return _requests.Where(r => r.Route == route).ToList();
        }
    }

    /// <summary>Successful (200, errcode 0 or no errcode) requests of a route.</summary>
    public IReadOnlyList<FakeDingTalkRequest> Delivered(FakeDingTalkRoute route) =>
        Requests(route).Where(r => r.Status == 200
            && (!r.Response.Contains("\"errcode\":", StringComparison.Ordinal) || r.Response.Contains("\"errcode\":0,", StringComparison.Ordinal))).ToList();

    public IReadOnlyList<FakeCustomRobotPost> CustomRobotPosts
    {
        get
        {
            lock (_gate)
            {
                return _customRobotPosts.ToList();
            }
        }
    }

    public IReadOnlyList<FakeStreamAck> Acks
    {
        get
        {
            lock (_gate)
            {
                return _acks.ToList();
            }
        }
    }

    public IReadOnlyList<string> TicketsIssued
    {
        get
        {
            lock (_gate)
            {
                return _ticketsIssued.ToList();
            }
        }
    }

    /// <summary>Tickets of the WebSocket connections accepted so far, in order.</summary>
    public IReadOnlyList<string> TicketsConnected
    {
        get
        {
            lock (_gate)
            {
                return _ticketsConnected.ToList();
            }
        }
    }

    public int TokensIssued => Volatile.Read(ref _tokenCounter);

    public static async Task<FakeDingTalkServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeDingTalkServer? fake = null;
        app.UseWebSockets();
        app.MapPost("/v1.0/oauth2/accessToken", (HttpContext c) => fake!.TokenAsync(c));
        app.MapPost("/v1.0/robot/groupMessages/send", (HttpContext c) => fake!.OpenApiSendAsync(c, FakeDingTalkRoute.GroupSend));
        app.MapPost("/v1.0/robot/oToMessages/batchSend", (HttpContext c) => fake!.OpenApiSendAsync(c, FakeDingTalkRoute.OneOnOneSend));
        app.MapPost("/robot/sendBySession", (HttpContext c) => fake!.SessionAsync(c));
        app.MapPost("/v1.0/robot/messageFiles/download", async (HttpContext c) =>
        {
            var body = await System.Text.Json.JsonDocument.ParseAsync(c.Request.Body);
            var code = body.RootElement.GetProperty("downloadCode").GetString() ?? "";
            var robot = body.RootElement.TryGetProperty("robotCode", out var r) ? r.GetString() : null;
            return !string.IsNullOrEmpty(c.Request.Headers["x-acs-dingtalk-access-token"]) && robot == fake!.RobotCode && fake.Files.ContainsKey(code)
                ? Results.Json(new { downloadUrl = new Uri(fake.Url, "files/" + Uri.EscapeDataString(code)).ToString() })
                : Results.Json(new { code = "InvalidParameter", message = "downloadCode invalid" }, statusCode: 400);
        });
        app.MapGet("/files/{code}", (string code) => fake!.Files.TryGetValue(code, out var bytes) ? Results.File(bytes, "application/octet-stream") : Results.NotFound());
        app.MapPost("/robot/send", (HttpContext c) => fake!.CustomRobotAsync(c));
        app.MapPost("/v1.0/gateway/connections/open", (HttpContext c) => fake!.ConnectionOpenAsync(c));
        app.Map("/connect", (HttpContext c) => fake!.ConnectAsync(c));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeDingTalkServer(app, new Uri(address));
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        _current?.Abort();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // ---- scripting -------------------------------------------------------------------------------------------

    /// <summary>The next <paramref name="times"/> requests to <paramref name="route"/> get this answer instead.</summary>
    public void FailNext(FakeDingTalkRoute route, int times, int status, string body)
    {
        lock (_gate)
        {
            if (!_failures.TryGetValue(route, out var queue))
            {
                _failures[route] = queue = new Queue<(int, string)>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue((status, body));
            }
        }
    }

    /// <summary>The next <paramref name="times"/> requests to <paramref name="route"/> get no answer until the client times out.</summary>
    public void HangNext(FakeDingTalkRoute route, int times) => FailNext(route, times, 0, "");

    /// <summary>The next custom-robot posts answer <c>{"errcode":130101}</c> ("send too fast").</summary>
    public void FailCustomRobotTooFast(int times) =>
        FailNext(FakeDingTalkRoute.CustomRobot, times, 200, """{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}""");

    /// <summary>Every access token issued so far becomes invalid (as after a server-side expiry).</summary>
    public void RevokeTokens()
    {
        lock (_gate)
        {
            _validTokens.Clear();
        }
    }

    /// <summary>A sessionWebhook URL served by the fake.</summary>
    public string SessionWebhookUrl(string session) => $"{BaseUrl}/robot/sendBySession?session={Uri.EscapeDataString(session)}";

    /// <summary>The session answers 300001 "session 不存在" from now on.</summary>
    public void ExpireSession(string session)
    {
        lock (_gate)
        {
            _expiredSessions.Add(session);
        }
    }

    /// <summary>Registers a custom robot; returns its webhook URL.</summary>
    public string AddCustomRobot(string accessToken, string secret)
    {
        lock (_gate)
        {
            _customRobots[accessToken] = secret;
        }

        return $"{BaseUrl}/robot/send?access_token={accessToken}";
    }

    // ---- message and frame builders --------------------------------------------------------------------------

    /// <summary>A robot text message as DingTalk sends it (leading space where the @robot was).</summary>
    public string TextMessage(
        string msgId,
        string content,
        string? session,
        DateTimeOffset sessionExpires,
        string conversationId = "cidGroupTiexi01==",
        string conversationType = "2",
        string? staffId = "user123",
        string senderNick = "王强")
    {
        var message = new JsonObject
        {
            ["conversationId"] = conversationId,
            ["atUsers"] = new JsonArray(new JsonObject { ["dingtalkId"] = "$:LWCP_v1:$bot", ["staffId"] = null }),
            ["chatbotCorpId"] = "dinge8a565xxxx",
            ["chatbotUserId"] = "$:LWCP_v1:$Cxxxxx",
            ["msgId"] = msgId,
            ["senderNick"] = senderNick,
            ["isAdmin"] = false,
            ["sessionWebhookExpiredTime"] = sessionExpires.ToUnixTimeMilliseconds(),
            ["createAt"] = sessionExpires.AddMinutes(-90).ToUnixTimeMilliseconds(),
            ["senderCorpId"] = "dinge8a565xxxx",
            ["conversationType"] = conversationType,
            ["senderId"] = "$:LWCP_v1:$Ff09GIxxxxx",
            ["conversationTitle"] = conversationType == "2" ? "铁西区督查群" : null,
            ["isInAtList"] = true,
            ["robotCode"] = RobotCode,
            ["text"] = new JsonObject { ["content"] = content },
            ["msgtype"] = "text",
        };
        if (staffId is not null)
        {
            message["senderStaffId"] = staffId;
        }

        if (session is not null)
        {
            message["sessionWebhook"] = SessionWebhookUrl(session);
        }

        return message.ToJsonString(JsonOptions);
    }

    /// <summary>The HTTP-mode headers for <paramref name="timestamp"/> signed with <paramref name="secret"/> (computed independently of the bot).</summary>
    public static (string Timestamp, string Sign) Sign(long timestamp, string secret = AppSecret)
    {
        var ts = timestamp.ToString(CultureInfo.InvariantCulture);
        return (ts, Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(ts + "\n" + secret))));
    }

    public static string Frame(string type, string topic, string messageId, string data) => new JsonObject
    {
        ["specVersion"] = "1.0",
        ["type"] = type,
        ["headers"] = new JsonObject
        {
            ["appId"] = "1305d5f5-fake",
            ["contentType"] = "application/json",
            ["messageId"] = messageId,
            ["time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["topic"] = topic,
        },
        ["data"] = data,
    }.ToJsonString(JsonOptions);

    // ---- Stream control --------------------------------------------------------------------------------------

    /// <summary>Pushes a robot message; it stays pending (and is redelivered on reconnect) until ACKed with 200.</summary>
    public Task PushBotMessageAsync(string messageId, string message)
    {
        lock (_gate)
        {
            _unacked[messageId] = message;
            _unackedOrder.Add(messageId);
        }

        return SendAsync(Frame("CALLBACK", BotTopic, messageId, message));
    }

    /// <summary>Pushes any frame as is.</summary>
    public Task PushFrameAsync(string frame) => SendAsync(frame);

    public Task PushPingAsync(string messageId, string data) => SendAsync(Frame("SYSTEM", "ping", messageId, data));

    public Task PushDisconnectAsync(string messageId) =>
        SendAsync(Frame("SYSTEM", "disconnect", messageId, """{"reason":"persistent connection is timeout"}"""));

    /// <summary>Pushes a robot message and drops the socket at once, ignoring any ACK for it: the message stays un-ACKed.</summary>
    public async Task PushBotMessageThenDropAsync(string messageId, string message)
    {
        var connection = _current ?? throw new InvalidOperationException("no stream connection");
        connection.Deaf = true;
        await PushBotMessageAsync(messageId, message);
        connection.Abort();
    }

    /// <summary>Drops the current socket without a close handshake.</summary>
    public void DropSocket() => _current?.Abort();

    /// <summary>Waits until <paramref name="count"/> WebSocket connections were accepted.</summary>
    public Task WaitForConnectionsAsync(int count) =>
        Eventually(() => TicketsConnected.Count >= count && _current is { Open: true }, $"{count} stream connection(s)");

    public async Task<FakeStreamAck> WaitForAckAsync(string messageId)
    {
        FakeStreamAck? ack = null;
        await Eventually(() => (ack = Acks.LastOrDefault(a => a.MessageId == messageId)) is not null, $"an ACK for {messageId}");
        return ack!;
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms; fails after <paramref name="timeout"/> (default 20 s).</summary>
    public static async Task Eventually(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Async variant of <see cref="Eventually(Func{bool}, string, TimeSpan?)"/>.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }

    private async Task SendAsync(string frame)
    {
        var connection = _current ?? throw new InvalidOperationException("no stream connection");
        await connection.SendAsync(frame);
    }

    // ---- handlers --------------------------------------------------------------------------------------------

    private async Task TokenAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        if (Scripted(FakeDingTalkRoute.AccessToken, context, body, out var failure))
        {
            await failure;
            return;
        }

        if (body["appKey"]?.GetValue<string>() != AppKey || body["appSecret"]?.GetValue<string>() != AppSecret)
        {
            await AnswerAsync(context, FakeDingTalkRoute.AccessToken, body, 400, """{"code":"invalidClientIdOrSecret","message":"无效的clientId或者clientSecret"}""");
            return;
        }

        var token = "tok-" + Interlocked.Increment(ref _tokenCounter).ToString(CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _validTokens.Add(token);
        }

        await AnswerAsync(context, FakeDingTalkRoute.AccessToken, body, 200, $$"""{"accessToken":"{{token}}","expireIn":{{TokenLifetimeSeconds}}}""");
    }

    private async Task OpenApiSendAsync(HttpContext context, FakeDingTalkRoute route)
    {
        var body = await ReadAsync(context);
        if (Scripted(route, context, body, out var failure))
        {
            await failure;
            return;
        }

        var token = context.Request.Headers["x-acs-dingtalk-access-token"].ToString();
        bool valid;
        lock (_gate)
        {
            valid = _validTokens.Contains(token);
        }

        if (!valid)
        {
            await AnswerAsync(context, route, body, 401, """{"code":"InvalidAuthentication","requestid":"30EE8654","message":"不合法的access_token"}""");
            return;
        }

        if (body["robotCode"]?.GetValue<string>() != RobotCode)
        {
            await AnswerAsync(context, route, body, 400, """{"code":"invalidParameter.robotCode.auth","message":"appkey does not match the bot's robotCode"}""");
            return;
        }

        try
        {
            _ = JsonNode.Parse(body["msgParam"]!.GetValue<string>())!.AsObject();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException)
        {
            await AnswerAsync(context, route, body, 400, """{"code":"invalidParameter.msgParam.invalid","message":"msgParam must be in JSON format"}""");
            return;
        }

        await AnswerAsync(context, route, body, 200, route == FakeDingTalkRoute.GroupSend
            ? """{"processQueryKey":"pqk-group"}"""
            : """{"processQueryKey":"pqk-oto","invalidStaffIdList":[],"flowControlledStaffIdList":[]}""");
    }

    private async Task SessionAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        if (Scripted(FakeDingTalkRoute.SessionWebhook, context, body, out var failure))
        {
            await failure;
            return;
        }

        var session = context.Request.Query["session"].ToString();
        bool expired;
        lock (_gate)
        {
            expired = _expiredSessions.Contains(session);
        }

        await AnswerAsync(context, FakeDingTalkRoute.SessionWebhook, body, 200, expired
            ? """{"errcode":300001,"errmsg":"session 不存在"}"""
            : """{"errcode":0,"errmsg":"ok"}""");
    }

    private async Task CustomRobotAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        var token = context.Request.Query["access_token"].ToString();
        var timestampText = context.Request.Query["timestamp"].ToString();
        var sign = context.Request.Query["sign"].ToString(); // already URL-decoded once, as DingTalk does
        _ = long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp);
        string? secret;
        lock (_gate)
        {
            _customRobots.TryGetValue(token, out secret);
        }

        var signatureValid = secret is not null && sign == Sign(timestamp, secret).Sign
            && Math.Abs(Clock().ToUnixTimeMilliseconds() - timestamp) <= 3_600_000;
        long errCode;
        string response;
        if (Scripted(FakeDingTalkRoute.CustomRobot, context, body, out var failure))
        {
            errCode = -1;
            Record(context, FakeDingTalkRoute.CustomRobot, token, timestamp, signatureValid, errCode, body);
            await failure;
            return;
        }

        if (secret is null)
        {
            (errCode, response) = (300001, """{"errcode":300001,"errmsg":"token is not exist"}""");
        }
        else if (!signatureValid)
        {
            (errCode, response) = (310000, """{"errcode":310000,"errmsg":"sign not match"}""");
        }
        else if (TooFast(token, timestamp))
        {
            (errCode, response) = (130101, """{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}""");
        }
        else
        {
            (errCode, response) = (0, """{"errcode":0,"errmsg":"ok"}""");
        }

        Record(context, FakeDingTalkRoute.CustomRobot, token, timestamp, signatureValid, errCode, body);
        await AnswerAsync(context, FakeDingTalkRoute.CustomRobot, body, 200, response);
    }

    private void Record(HttpContext context, FakeDingTalkRoute route, string token, long timestamp, bool valid, long errCode, JsonObject body)
    {
        lock (_gate)
        {
            _customRobotPosts.Add(new FakeCustomRobotPost(token, timestamp, valid, errCode,
                new FakeDingTalkRequest(route, context.Request.QueryString.Value ?? "", body, null, 200, "")));
        }
    }

    /// <summary>DingTalk's rule: more than 20 accepted posts in a minute blocks the robot for 10 minutes.</summary>
    private bool TooFast(string token, long timestamp)
    {
        lock (_gate)
        {
            if (_blockedUntil.TryGetValue(token, out var until) && timestamp < until)
            {
                return true;
            }

            var recent = _customRobotPosts.Count(p => p.AccessToken == token && p.ErrCode == 0 && p.Timestamp > timestamp - 60_000 && p.Timestamp <= timestamp);
            if (recent >= 20)
            {
                _blockedUntil[token] = timestamp + 600_000;
                return true;
            }

            return false;
        }
    }

    private async Task ConnectionOpenAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        if (Scripted(FakeDingTalkRoute.ConnectionOpen, context, body, out var failure))
        {
            await failure;
            return;
        }

        var subscribed = body["subscriptions"]?.AsArray().Any(s => s?["type"]?.GetValue<string>() == "CALLBACK" && s["topic"]?.GetValue<string>() == BotTopic) == true;
        if (body["clientId"]?.GetValue<string>() != AppKey || body["clientSecret"]?.GetValue<string>() != AppSecret || !subscribed
            || !context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            await AnswerAsync(context, FakeDingTalkRoute.ConnectionOpen, body, 400, """{"code":"invalidParameter","message":"bad clientId, clientSecret, subscriptions or Accept"}""");
            return;
        }

        var ticket = Guid.NewGuid().ToString();
        lock (_gate)
        {
            _ticketsIssued.Add(ticket);
        }

        var endpoint = BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/connect";
        await AnswerAsync(context, FakeDingTalkRoute.ConnectionOpen, body, 200, $$"""{"endpoint":"{{endpoint}}","ticket":"{{ticket}}"}""");
    }

    private async Task ConnectAsync(HttpContext context)
    {
        var ticket = context.Request.Query["ticket"].ToString();
        lock (_gate)
        {
            // A ticket is good for exactly one connection.
            if (!context.WebSockets.IsWebSocketRequest || !_ticketsIssued.Contains(ticket) || _ticketsConnected.Contains(ticket))
            {
                context.Response.StatusCode = 403;
                return;
            }

            _ticketsConnected.Add(ticket);
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new StreamConnection(socket, ticket, context);
        _current = connection;
        if (RedeliverUnacked)
        {
            List<(string Id, string Message)> pending;
            lock (_gate)
            {
                pending = _unackedOrder.Where(_unacked.ContainsKey).Distinct().Select(id => (id, _unacked[id])).ToList();
            }

            foreach (var (id, message) in pending)
            {
                await connection.SendAsync(Frame("CALLBACK", BotTopic, id, message));
            }
        }

        await ReadAcksAsync(connection);
    }

    private async Task ReadAcksAsync(StreamConnection connection)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (connection.Socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await connection.Socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (connection.Deaf)
                {
                    continue;
                }

                var ack = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!.AsObject();
                var messageId = ack["headers"]?["messageId"]?.GetValue<string>() ?? "";
                var code = ack["code"]?.GetValue<int>() ?? 0;
                lock (_gate)
                {
                    _acks.Add(new FakeStreamAck(messageId, code, ack["message"]?.GetValue<string>(), ack["data"]?.GetValue<string>(), connection.Ticket));
                }

                if (code == 200)
                {
                    _unacked.TryRemove(messageId, out _);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Dropped.
        }
        finally
        {
            connection.Open = false;
        }
    }

    private bool Scripted(FakeDingTalkRoute route, HttpContext context, JsonObject body, out Task answer)
    {
        (int Status, string Body) failure;
        lock (_gate)
        {
            if (!_failures.TryGetValue(route, out var queue) || !queue.TryDequeue(out failure))
            {
                answer = Task.CompletedTask;
                return false;
            }
        }

        answer = failure.Status == 0 ? HangAsync(context, route, body) : AnswerAsync(context, route, body, failure.Status, failure.Body);
        return true;
    }

    /// <summary>Answers nothing until the client gives up (at most 30 s, then 504).</summary>
    private async Task HangAsync(HttpContext context, FakeDingTalkRoute route, JsonObject body)
    {
        lock (_gate)
        {
            _requests.Add(new FakeDingTalkRequest(route, context.Request.QueryString.Value ?? "", body, null, 0, ""));
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            context.Response.StatusCode = 504;
        }
        catch (OperationCanceledException)
        {
            // The client timed out and went away.
        }
    }

    private async Task AnswerAsync(HttpContext context, FakeDingTalkRoute route, JsonObject body, int status, string response)
    {
        lock (_gate)
        {
            _requests.Add(new FakeDingTalkRequest(route, context.Request.QueryString.Value ?? "", body,
                context.Request.Headers["x-acs-dingtalk-access-token"].FirstOrDefault(), status, response));
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=utf-8";
        await context.Response.WriteAsync(response);
    }

    private static async Task<JsonObject> ReadAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return new JsonObject { ["_raw"] = text };
        }
    }

    private sealed class StreamConnection(WebSocket socket, string ticket, HttpContext context)
    {
        private readonly SemaphoreSlim _send = new(1, 1);

        public WebSocket Socket { get; } = socket;

        public string Ticket { get; } = ticket;

        public volatile bool Deaf;

        public volatile bool Open = true;

        public async Task SendAsync(string frame)
        {
            await _send.WaitAsync();
            try
            {
                await Socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                _send.Release();
            }
        }

        public void Abort()
        {
            if (!Open)
            {
                return;
            }

            Open = false;
            try
            {
                Socket.Abort();
                context.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The request already ended.
            }
        }
    }
}
