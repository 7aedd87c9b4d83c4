namespace Bot.Host.Channels.DingTalk;

/// <summary>
/// The <c>DingTalk</c> section. Everything is optional: without credentials the channel is inert (the webhook answers
/// 503, no stream is opened, DingTalk outbox rows fail with a clear error). Base URLs are overridable so tests run
/// against local fakes.
/// </summary>
public sealed class DingTalkOptions
{
    public const string SectionName = "DingTalk";

    /// <summary>The app's AppKey (also called ClientId); used for the access token and the Stream connection.</summary>
    public string AppKey { get; set; } = "";

    /// <summary>The app's AppSecret (ClientSecret): HMAC key of the HTTP-mode <c>sign</c> header and token credential.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>The robot code for OpenAPI sends; for an enterprise-internal app it equals the AppKey (the default).</summary>
    public string RobotCode { get; set; } = "";

    /// <summary>The robot's display name: a leading "@name" is stripped from incoming text; the fallback markdown title.</summary>
    public string RobotName { get; set; } = "铁西小助手";

    /// <summary>Custom group robots (自定义机器人) for reminders and digests, keyed by chat id (the conversationId).</summary>
    public Dictionary<string, DingTalkCustomRobot> CustomRobots { get; set; } = new(StringComparer.Ordinal);

    public string ApiBaseUrl { get; set; } = "https://api.dingtalk.com";

    public string OapiBaseUrl { get; set; } = "https://oapi.dingtalk.com";

    /// <summary>
    /// HTTP-mode callbacks whose <c>timestamp</c> differs from now by more than this (the accepted clock skew) are
    /// rejected; an accepted signature is remembered this long so that it cannot be replayed with another message.
    /// </summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The default <see cref="AllowedWebhookHosts"/>: DingTalk's own API hosts.</summary>
    public static readonly IReadOnlyList<string> DefaultWebhookHosts = ["oapi.dingtalk.com", "api.dingtalk.com"];

    /// <summary>
    /// Hosts a <c>sessionWebhook</c> from a message body may point to (https only); a full origin such as
    /// <c>http://127.0.0.1:5123</c> allows exactly that origin (local fakes). Empty: <see cref="DefaultWebhookHosts"/>.
    /// </summary>
    public List<string> AllowedWebhookHosts { get; set; } = [];

    /// <summary>The allow list in force.</summary>
    public IReadOnlyList<string> EffectiveWebhookHosts => AllowedWebhookHosts.Count > 0 ? AllowedWebhookHosts : DefaultWebhookHosts;

    /// <summary>True when <paramref name="url"/> (from a message body) may be called.</summary>
    public bool IsAllowedWebhook(string? url) => OutboundUrlPolicy.IsAllowed(url, EffectiveWebhookHosts);

    /// <summary>A sessionWebhook closer than this to its expiry is not used; the reply goes through the OpenAPI instead.</summary>
    public TimeSpan SessionWebhookMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout of one HTTP call to DingTalk (a timeout is retried by the outbox).</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public DingTalkStreamOptions Stream { get; set; } = new();

    /// <summary>Group conversation ids the bot serves besides the whitelisted rows of the chats table.</summary>
    public List<string> AllowedChats { get; set; } = [];

    /// <summary>True when HTTP-mode callbacks can be verified.</summary>
    public bool CallbackConfigured => AppSecret.Length > 0;

    /// <summary>True when the OpenAPI (access token, group and 1:1 sends) can be used.</summary>
    public bool OpenApiConfigured => AppKey.Length > 0 && AppSecret.Length > 0;

    /// <summary>The robot code used for OpenAPI sends.</summary>
    public string EffectiveRobotCode => RobotCode.Length > 0 ? RobotCode : AppKey;

    /// <summary>The custom robot configured for <paramref name="chatId"/>: by its <see cref="DingTalkCustomRobot.ChatId"/> or its key.</summary>
    public DingTalkCustomRobot? FindCustomRobot(string chatId)
    {
        foreach (var robot in CustomRobots.Values)
        {
            if (string.Equals(robot.ChatId, chatId, StringComparison.Ordinal))
            {
                return robot;
            }
        }

        return CustomRobots.TryGetValue(chatId, out var byKey) && string.IsNullOrEmpty(byKey.ChatId) ? byKey : null;
    }
}

/// <summary>One custom group robot: its webhook (<c>…/robot/send?access_token=…</c>) and its 加签 secret (<c>SEC…</c>).</summary>
public sealed class DingTalkCustomRobot
{
    public string Webhook { get; set; } = "";

    /// <summary>The 加签 secret; empty for a robot secured by keywords or IP only.</summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// The chat id when it cannot be the configuration key (conversation ids contain <c>=</c>, <c>+</c> and <c>/</c>,
    /// which environment variable names cannot hold).
    /// </summary>
    public string? ChatId { get; set; }
}

/// <summary>The <c>DingTalk:Stream</c> section: the WebSocket (Stream mode) connection.</summary>
public sealed class DingTalkStreamOptions
{
    public const string DefaultGatewayUrl = "https://api.dingtalk.com/v1.0/gateway/connections/open";

    public bool Enabled { get; set; }

    /// <summary>The <c>connections/open</c> URL that hands out the WebSocket endpoint and a one-time ticket.</summary>
    public string GatewayUrl { get; set; } = DefaultGatewayUrl;

    /// <summary>Reconnect when no frame arrived for this long (a half-dead socket after sleep or a NAT drop).</summary>
    public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>WebSocket ping interval; a ping unanswered for the same time closes the socket.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay; doubled per failed attempt (plus jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the stream lease lasts; the holder renews it every third of that, the others retry as often.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
}
