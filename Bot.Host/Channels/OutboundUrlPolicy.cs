namespace Bot.Host.Channels;

/// <summary>
/// Which URLs taken from message bodies (a DingTalk <c>sessionWebhook</c>) the host may call: <c>https</c> URLs whose host
/// is on the allow list. An entry is a host name (<c>oapi.dingtalk.com</c>, https only) or a full origin
/// (<c>http://127.0.0.1:5123</c>), which allows exactly that scheme, host and port — meant for local test fakes.
/// </summary>
public static class OutboundUrlPolicy
{
    public static bool IsAllowed(string? url, IEnumerable<string> allowed)
    {
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0)
        {
            return false;
        }

        foreach (var entry in allowed)
        {
            if (entry.Contains("://", StringComparison.Ordinal))
            {
                if (Uri.TryCreate(entry, UriKind.Absolute, out var origin) &&
                    string.Equals(origin.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase) &&
                    string.Equals(origin.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase) && origin.Port == uri.Port)
                {
                    return true;
                }
            }
            else if (uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && string.Equals(entry.Trim(), uri.IdnHost, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
