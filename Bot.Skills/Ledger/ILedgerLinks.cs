using Bot.Skills.Calendar;

namespace Bot.Skills.Ledger;

/// <summary>
/// Download links of the ledger for chat replies (the 导出 command). The host implements it: a time-limited, signed
/// link that works without a dashboard sign-in, or, when such links are disabled, a dashboard link that needs one.
/// </summary>
public interface ILedgerLinks
{
    /// <summary>An absolute URL when <c>Dashboard:PublicUrl</c> is set, else a path such as <c>/ledger/…</c>.</summary>
    string CreateLink(Period period);

    /// <summary>
    /// An absolute link for a chat of <paramref name="platform"/>, scoped to the asker (their name and role travel in the
    /// signed token, and every download is audited under them); null when no absolute address is known for that
    /// platform (a WeCom or DingTalk chat needs <c>Dashboard:PublicUrl</c>; the Sandbox falls back to the host's own address).
    /// </summary>
    LedgerLink? CreateLink(Period period, string platform, string requester, string role);
}

/// <summary>A ledger link and until when it works (null = it needs a dashboard sign-in instead).</summary>
public sealed record LedgerLink(string Url, DateTimeOffset? Expires);
