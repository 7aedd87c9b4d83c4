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
}
