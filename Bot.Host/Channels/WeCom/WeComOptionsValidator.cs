using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.WeCom;

/// <summary>Checks the <c>WeCom</c> section at start-up with bilingual messages; an empty section is valid (WeCom off).</summary>
internal sealed class WeComOptionsValidator : IValidateOptions<WeComOptions>
{
    public ValidateOptionsResult Validate(string? name, WeComOptions options)
    {
        var errors = new List<string>();
        CheckCallback(errors, "WeCom:Token", options.Token, "WeCom:EncodingAesKey", options.EncodingAesKey);
        CheckCallback(errors, "WeCom:AiBotToken", options.AiBotToken, "WeCom:AiBotEncodingAesKey", options.AiBotEncodingAesKey, optionalPair: true);

        if (!string.IsNullOrWhiteSpace(options.Secret) && string.IsNullOrWhiteSpace(options.CorpId))
        {
            errors.Add("配置了应用 Secret 时必须配置企业ID / WeCom:CorpId is required when WeCom:Secret is set.");
        }

        if (!string.IsNullOrWhiteSpace(options.Secret) && options.AgentId is null)
        {
            errors.Add("配置了应用 Secret 时必须配置 AgentId / WeCom:AgentId is required when WeCom:Secret is set.");
        }

        if (!IsHttpUrl(options.ApiBaseUrl))
        {
            errors.Add("接口地址必须是 http(s) 绝对地址 / WeCom:ApiBaseUrl must be an absolute http(s) URL.");
        }

        if (!string.IsNullOrWhiteSpace(options.WebhookBaseUrl) && !IsHttpUrl(options.WebhookBaseUrl))
        {
            errors.Add("群机器人地址必须是 http(s) 绝对地址 / WeCom:WebhookBaseUrl must be an absolute http(s) URL.");
        }

        if (options.TimestampToleranceSeconds < 0)
        {
            errors.Add("时间戳容差不能为负数 / WeCom:TimestampToleranceSeconds must be 0 (off) or more.");
        }

        if (options.StreamHandOverBacklog < 0)
        {
            errors.Add("流式回复转主动回复的积压阈值不能为负数 / WeCom:StreamHandOverBacklog must be 0 (off) or more.");
        }

        if (options.HttpTimeoutSeconds is < 1 or > 300)
        {
            errors.Add("接口超时须在 1 到 300 秒之间 / WeCom:HttpTimeoutSeconds must be between 1 and 300.");
        }

        foreach (var (chat, key) in options.RobotWebhooks)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Contains('/', StringComparison.Ordinal) || key.Contains('?', StringComparison.Ordinal) ||
                key.Contains('=', StringComparison.Ordinal))
            {
                errors.Add($"群机器人 {chat} 只需填写 Webhook 地址中 key= 后面的部分 / WeCom:RobotWebhooks:{chat} must be the webhook key only, not the URL.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckCallback(List<string> errors, string tokenKey, string token, string aesKeyKey, string aesKey, bool optionalPair = false)
    {
        var hasToken = !string.IsNullOrWhiteSpace(token);
        var hasKey = !string.IsNullOrWhiteSpace(aesKey);
        if (hasToken && !(token.Length is >= 3 and <= 32 && token.All(char.IsAsciiLetterOrDigit)))
        {
            errors.Add($"Token 须为 3 到 32 位英文字母或数字 / {tokenKey} must be 3 to 32 ASCII letters or digits.");
        }

        if (hasKey && !WeComCrypto.IsValidKey(aesKey))
        {
            errors.Add($"EncodingAESKey 须为 43 位 Base64 字符 / {aesKeyKey} must be the 43-character key from the WeCom admin console.");
        }

        if (!optionalPair && hasToken != hasKey)
        {
            errors.Add($"Token 与 EncodingAESKey 须同时配置 / {tokenKey} and {aesKeyKey} must be set together.");
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
