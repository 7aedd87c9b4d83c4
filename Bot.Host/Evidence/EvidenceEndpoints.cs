using System.Globalization;
using Bot.Data.Evidence;
using Bot.Host.Dashboard.Html;
using Bot.Host.Dashboard.Pages;
using Bot.Skills.Evidence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Bot.Host.Evidence;

/// <summary>
/// Signed evidence links for the ledger: <c>/evidence/s/{token}</c>, the evidence id protected (encrypted and signed) by
/// data protection with an expiry of <see cref="EvidenceOptions.LinkDays"/>; they work without a sign-in until then.
/// </summary>
public sealed class EvidenceLinks(IDataProtectionProvider protection, IOptions<EvidenceOptions> options, IOptions<Dashboard.Security.DashboardOptions> dashboard, IEvidenceRepository evidence)
    : IEvidenceLedgerLinks
{
    private const string Purpose = "TieXiBot.Evidence.Link.v1";

    private ITimeLimitedDataProtector Protector => protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string CreateLink(long evidenceId)
    {
        return dashboard.Value.Link($"/evidence/s/{Protector.Protect(evidenceId.ToString(CultureInfo.InvariantCulture), TimeSpan.FromDays(Math.Max(1, options.Value.LinkDays)))}");
    }

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> ForReportsAsync(IReadOnlyCollection<long> reportIds, CancellationToken cancellationToken = default) =>
        (await evidence.ListForReportsAsync(reportIds, cancellationToken)).GroupBy(e => e.ReportId!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(e => CreateLink(e.Id)).ToList());

    public long? Read(string token)
    {
        try
        {
            return long.TryParse(Protector.Unprotect(token), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary><c>/evidence/{id}</c> (signed-in) and <c>/evidence/s/{token}</c> (signed link): the stored bytes.</summary>
public static class EvidenceEndpoints
{
    public static void Map(RouteGroupBuilder viewer, IEndpointRouteBuilder app)
    {
        viewer.MapGet("/evidence/{id:long}", (HttpContext http, long id, IEvidenceRepository evidence, IEvidenceStore store, CancellationToken cancellationToken) =>
            ServeAsync(http, id, evidence, store, cancellationToken));
        app.MapGet("/evidence/s/{token}", (HttpContext http, string token, EvidenceLinks links, IEvidenceRepository evidence, IEvidenceStore store, CancellationToken cancellationToken) =>
            links.Read(token) is long id
                ? ServeAsync(http, id, evidence, store, cancellationToken)
                : Task.FromResult<IResult>(Layout.Message(PageContext.From(http), "链接已失效", "该佐证材料链接无效或已过期，请登录仪表盘查看。", StatusCodes.Status404NotFound)));
    }

    private static async Task<IResult> ServeAsync(HttpContext http, long id, IEvidenceRepository evidence, IEvidenceStore store, CancellationToken cancellationToken)
    {
        var item = await evidence.GetAsync(id, cancellationToken);
        var bytes = item is null ? null : await store.GetAsync(item.Sha256, cancellationToken);
        if (item is null || bytes is null)
        {
            return Layout.Message(PageContext.From(http), "找不到佐证材料", $"没有编号为 {id} 的佐证材料（可能已超过保存期限）。", StatusCodes.Status404NotFound);
        }

        HtmlPage.Secure(http.Response.Headers);
        http.Response.Headers.CacheControl = "private, max-age=3600";
        // Images are shown inline (their type comes from their content); anything else is a download, never rendered.
        return item.Kind == EvidenceKinds.Image && item.ContentType.StartsWith("image/", StringComparison.Ordinal)
            ? Results.File(bytes, item.ContentType)
            : Results.File(bytes, "application/octet-stream", item.FileName ?? $"evidence-{id.ToString(CultureInfo.InvariantCulture)}.bin");
    }
}
