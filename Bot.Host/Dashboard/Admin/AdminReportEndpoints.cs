using System.Globalization;
using Bot.Data.ProgressReports;
using Bot.Host.Dashboard.Pages;
using Bot.Skills.Conversation;
using Bot.Skills.Scorecards;

namespace Bot.Host.Dashboard.Admin;

/// <summary>
/// The office corrects or withdraws a report on behalf of a member from <c>/reports/{id}</c>: a correction is a new
/// version (the old one kept), a withdrawal stops counting it; both are audited and the member is told in the chat the
/// report came from.
/// </summary>
public static class AdminReportEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/reports/{id:long}/correct", async (HttpContext http, long id, ConsoleAudit console, IProgressReportRepository reports, ChatNotifier notifier, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            if (await reports.GetAsync(id, cancellationToken) is not { IsCurrent: true, Withdrawn: false } report)
            {
                return Layout.Message(PageContext.From(http), "无法更正", "该汇报不存在、已撤回或已被更正，请打开最新版本再更正。", StatusCodes.Status400BadRequest);
            }

            var form = await http.Request.ReadFormAsync(cancellationToken);
            var amended = ReportTexts.Copy(report);
            var changes = new List<string>();
            if (FormValues.Date(form, "workDate") is DateOnly date && date != report.WorkDate)
            {
                changes.Add($"日期 {Day(report.WorkDate)}→{Day(date)}");
                amended.WorkDate = date;
                amended.EndDate = report.EndDate is DateOnly end && end >= date ? end : null;
            }

            if (FormValues.Int(form, "action") is int action && action != report.Action && action > 0)
            {
                changes.Add($"行动 {report.Action?.ToString(CultureInfo.InvariantCulture) ?? "未归类"}→{action.ToString(CultureInfo.InvariantCulture)}");
                amended.Action = action;
            }

            foreach (var key in form.Keys.Where(k => k.StartsWith("metric:", StringComparison.Ordinal)))
            {
                var metric = key["metric:".Length..];
                if (!double.TryParse(form[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || !report.Metrics.ContainsKey(metric))
                {
                    continue;
                }

                if (Math.Abs(report.Metrics[metric] - value) > 1e-9)
                {
                    changes.Add($"{MetricCatalog.Label(metric)} {MetricCatalog.Format(report.Metrics[metric])}→{MetricCatalog.Format(value)}{MetricCatalog.Unit(metric)}");
                    amended.Metrics[metric] = value;
                }
            }

            if (changes.Count == 0)
            {
                return Layout.Message(PageContext.From(http), "没有修改", "表单中没有与原记录不同的内容。", StatusCodes.Status400BadRequest);
            }

            var newId = await reports.AddVersionAsync(id, amended, cancellationToken);
            if (newId is null)
            {
                return Layout.Message(PageContext.From(http), "无法更正", "该汇报刚刚被更新，请打开最新版本再更正。", StatusCodes.Status409Conflict);
            }

            var reason = FormValues.Text(form, "reason");
            await console.RecordAsync(http, "report.correct", "progress_report", id, ReportTexts.Snapshot(report), new { snapshot = ReportTexts.Snapshot(amended), newId, reason }, cancellationToken);
            await notifier.ReplyAsync(report.InboxId, $"✏️ 区政府办已代为更正第{id}条汇报（新版本 #{newId}，原记录保留）：{string.Join("；", changes)}{(reason is null ? "" : $"。说明：{reason}")}",
                $"console:report-correct:{id.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
            return Results.Redirect($"/reports/{newId.Value.ToString(CultureInfo.InvariantCulture)}");
        });

        admin.MapPost("/reports/{id:long}/withdraw", async (HttpContext http, long id, ConsoleAudit console, IProgressReportRepository reports, ChatNotifier notifier, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            var report = await reports.GetAsync(id, cancellationToken);
            if (report is null || !await reports.WithdrawAsync(id, cancellationToken))
            {
                return Layout.Message(PageContext.From(http), "无法撤回", "该汇报不存在、已撤回或已被更正。", StatusCodes.Status400BadRequest);
            }

            var reason = FormValues.Text(await http.Request.ReadFormAsync(cancellationToken), "reason");
            await console.RecordAsync(http, "report.withdraw", "progress_report", id, ReportTexts.Snapshot(report), new { state = "withdrawn", reason }, cancellationToken);
            await notifier.ReplyAsync(report.InboxId, $"↩️ 区政府办已代为撤回第{id}条汇报，不再计入统计。{(reason is null ? "" : $"说明：{reason}")}",
                $"console:report-withdraw:{id.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
            return Results.Redirect($"/reports/{id.ToString(CultureInfo.InvariantCulture)}");
        });
    }

    private static string Day(DateOnly? d) => d is DateOnly x ? $"{x.Month}月{x.Day}日" : "未填";

    /// <summary>The office's forms on the report page (admins, current version only).</summary>
    public static Html.HtmlContent Forms(PageContext page, ProgressReport report) =>
        !page.IsAdmin || !report.IsCurrent || report.Withdrawn
            ? Html.HtmlContent.Empty
            : Html.HtmlContent.Format($"""
                <section class="card" id="office-actions"><h2>代为更正或撤回</h2>
                <p class="muted">修改会生成新版本（原记录保留）、记入操作留痕，并在原群里告知汇报人。</p>
                <form method="post" action="/reports/{report.Id}/correct" class="inline" id="report-correct">{page.Field}
                <label>工作日期<input type="date" name="workDate" value="{AdminHtml.Date(report.WorkDate)}"></label>
                <label>行动编号<input type="number" name="action" min="1" max="99" value="{report.Action?.ToString(CultureInfo.InvariantCulture) ?? ""}"></label>
                {report.Metrics.Select(m => Html.HtmlContent.Format($"<label>{MetricCatalog.Label(m.Key)}<input type=\"number\" step=\"any\" min=\"0\" name=\"metric:{m.Key}\" value=\"{MetricCatalog.Format(m.Value)}\"></label>"))}
                <label>说明<input name="reason" maxlength="200"></label><button type="submit" class="primary">更正</button></form>
                <form method="post" action="/reports/{report.Id}/withdraw" class="inline" id="report-withdraw">{page.Field}
                <label>撤回原因<input name="reason" maxlength="200"></label><button type="submit">撤回</button></form></section>
                """);
}
