using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.DingTalk;

/// <summary>Checks the <c>DingTalk</c> section at start-up, with a bilingual message for operators.</summary>
internal sealed class DingTalkOptionsValidator : IValidateOptions<DingTalkOptions>
{
    public ValidateOptionsResult Validate(string? name, DingTalkOptions options)
    {
        var failures = new List<string>();
        if (options.AppKey.Length > 0 && options.AppSecret.Length == 0)
        {
            failures.Add("配置了 AppKey 但缺少 AppSecret / DingTalk:AppSecret is required when DingTalk:AppKey is set.");
        }

        if (options.RobotCode.Length > 0 && !options.OpenApiConfigured)
        {
            failures.Add("配置 RobotCode 时还须配置 AppKey 和 AppSecret / DingTalk:AppKey and DingTalk:AppSecret are required when DingTalk:RobotCode is set.");
        }

        if (options.Stream.Enabled && !options.OpenApiConfigured)
        {
            failures.Add("启用 Stream 模式须配置 AppKey 和 AppSecret / DingTalk:AppKey and DingTalk:AppSecret are required when DingTalk:Stream:Enabled is true.");
        }

        CheckUrl(failures, "DingTalk:ApiBaseUrl", "OpenAPI 地址", options.ApiBaseUrl);
        CheckUrl(failures, "DingTalk:OapiBaseUrl", "旧版 OAPI 地址", options.OapiBaseUrl);
        CheckUrl(failures, "DingTalk:Stream:GatewayUrl", "Stream 网关地址", options.Stream.GatewayUrl);

        foreach (var (chat, robot) in options.CustomRobots)
        {
            var isUrl = robot.Webhook.Contains("://", StringComparison.Ordinal);
            if (string.IsNullOrWhiteSpace(robot.Webhook) || (isUrl && !IsHttpUrl(robot.Webhook)) || robot.Webhook.Any(char.IsWhiteSpace))
            {
                failures.Add($"自定义机器人“{chat}”的 Webhook 无效 / DingTalk:CustomRobots:{chat}:Webhook must be an http(s) URL or an access token.");
            }
        }

        if (options.SignatureWindow <= TimeSpan.Zero || options.SignatureWindow > TimeSpan.FromDays(1))
        {
            failures.Add("签名时间窗须在 0 到 1 天之间 / DingTalk:SignatureWindow must be positive and at most one day.");
        }

        foreach (var host in options.AllowedWebhookHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || (host.Contains("://", StringComparison.Ordinal) ? !IsHttpUrl(host) : Uri.CheckHostName(host.Trim()) == UriHostNameType.Unknown))
            {
                failures.Add($"sessionWebhook 允许的主机“{host}”无效 / DingTalk:AllowedWebhookHosts entries must be host names or http(s) origins.");
            }
        }

        if (options.SessionWebhookMargin < TimeSpan.Zero)
        {
            failures.Add("sessionWebhook 余量不能为负 / DingTalk:SessionWebhookMargin must not be negative.");
        }

        if (options.HttpTimeout <= TimeSpan.Zero)
        {
            failures.Add("HTTP 超时须大于 0 / DingTalk:HttpTimeout must be positive.");
        }

        var stream = options.Stream;
        if (stream.SilenceTimeout <= TimeSpan.Zero || stream.LeaseDuration <= TimeSpan.Zero || stream.MinBackoff <= TimeSpan.Zero
            || stream.MaxBackoff < stream.MinBackoff || stream.KeepAliveInterval < TimeSpan.Zero)
        {
            failures.Add("Stream 的超时、租约和退避时间须为正数，且 MaxBackoff 不小于 MinBackoff / DingTalk:Stream timeouts, lease and backoff must be positive and MaxBackoff ≥ MinBackoff.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(List<string> failures, string key, string label, string value)
    {
        if (!IsHttpUrl(value))
        {
            failures.Add($"{label}无效 / {key} must be an absolute http(s) URL.");
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
