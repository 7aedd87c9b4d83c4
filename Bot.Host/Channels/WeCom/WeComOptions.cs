namespace Bot.Host.Channels.WeCom;

/// <summary>
/// The <c>WeCom</c> section. Everything is optional: without a token, key and corp id the WeCom endpoints answer 503
/// and the rest of the bot runs. Secrets come from the environment (<c>WeCom__Secret</c>) or user secrets, never from
/// the repository.
/// </summary>
public sealed class WeComOptions
{
    public const string SectionName = "WeCom";

    public const string DefaultApiBaseUrl = "https://qyapi.weixin.qq.com";

    /// <summary>The self-built app's callback Token (also the intelligent robot's unless <see cref="AiBotToken"/> is set).</summary>
    public string Token { get; set; } = "";

    /// <summary>The 43-character EncodingAESKey of the app callback (also the robot's unless <see cref="AiBotEncodingAesKey"/> is set).</summary>
    public string EncodingAesKey { get; set; } = "";

    /// <summary>The intelligent robot's own callback Token, when it differs from the app's.</summary>
    public string AiBotToken { get; set; } = "";

    /// <summary>The intelligent robot's own EncodingAESKey, when it differs from the app's.</summary>
    public string AiBotEncodingAesKey { get; set; } = "";

    /// <summary>企业ID: the receiveid of app callbacks and the corpid of <c>gettoken</c>.</summary>
    public string CorpId { get; set; } = "";

    /// <summary>The self-built app's AgentId (needed by <c>message/send</c>).</summary>
    public int? AgentId { get; set; }

    /// <summary>The self-built app's Secret (needed for the access token).</summary>
    public string Secret { get; set; } = "";

    /// <summary>Group robot webhook keys per chat id (the <c>key=</c> value only, not the whole URL).</summary>
    public Dictionary<string, string> RobotWebhooks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Group chat ids the bot answers in, besides the whitelisted rows of the chats table.</summary>
    public List<string> AllowedChats { get; set; } = [];

    /// <summary>Display names of the robot; an @-mention of them is stripped anywhere in the text (leading mentions always are).</summary>
    public List<string> MentionNames { get; set; } = [];

    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Host of the group robot webhook when it differs from <see cref="ApiBaseUrl"/>.</summary>
    public string? WebhookBaseUrl { get; set; }

    /// <summary>Callbacks whose timestamp is further than this from now are rejected; 0 disables the check.</summary>
    public int TimestampToleranceSeconds { get; set; } = 300;

    /// <summary>
    /// When the inbox backlog (last sampled) holds at least this many messages, a new intelligent-robot message is not
    /// left open as a stream that WeCom refreshes every second until it is processed: its stream is finished at once with
    /// <see cref="WeComBotCallback.QueuedText"/> and its reply is posted through the message's <c>response_url</c> as soon
    /// as it is queued. 0 keeps every stream open (a deep backlog then costs one refresh a second per waiting message).
    /// </summary>
    public int StreamHandOverBacklog { get; set; } = 1000;

    /// <summary>Seconds before an API call (gettoken, send) times out and is retried by the outbox.</summary>
    public int HttpTimeoutSeconds { get; set; } = 10;

    /// <summary>True when the self-built app callback (<c>/webhooks/wecom/app</c>) can verify and decrypt.</summary>
    public bool AppCallbackConfigured =>
        !string.IsNullOrWhiteSpace(Token) && !string.IsNullOrWhiteSpace(EncodingAesKey) && !string.IsNullOrWhiteSpace(CorpId);

    /// <summary>The token of the intelligent robot callback.</summary>
    public string EffectiveAiBotToken => string.IsNullOrWhiteSpace(AiBotToken) ? Token : AiBotToken;

    /// <summary>The EncodingAESKey of the intelligent robot callback.</summary>
    public string EffectiveAiBotEncodingAesKey => string.IsNullOrWhiteSpace(AiBotEncodingAesKey) ? EncodingAesKey : AiBotEncodingAesKey;

    /// <summary>True when the intelligent robot callback (<c>/webhooks/wecom/bot</c>) can verify and decrypt.</summary>
    public bool AiBotCallbackConfigured =>
        !string.IsNullOrWhiteSpace(EffectiveAiBotToken) && !string.IsNullOrWhiteSpace(EffectiveAiBotEncodingAesKey);

    /// <summary>True when the app API (<c>message/send</c>, <c>appchat/send</c>) can be called.</summary>
    public bool AppApiConfigured => !string.IsNullOrWhiteSpace(CorpId) && !string.IsNullOrWhiteSpace(Secret) && AgentId is not null;

    /// <summary>The webhook key of a chat's group robot, or null.</summary>
    public string? RobotKeyFor(string chatId)
    {
        if (RobotWebhooks.TryGetValue(chatId, out var key) && !string.IsNullOrWhiteSpace(key))
        {
            return key.Trim();
        }

        foreach (var (chat, value) in RobotWebhooks)
        {
            if (string.Equals(chat, chatId, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }
}
