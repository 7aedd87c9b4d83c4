using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Skills.ProgressReports;
using Bot.Skills.Scorecards;

namespace Bot.Skills.Conversation;

/// <summary>
/// Corrections of a named report (<c>#N 更正：…</c>, <c>更正 #N …</c>, <c>更正：…</c>, a quoted confirmation): a field
/// restated, 是X不是Y / X改成Y / 应为X, a counter, or a place or person added or removed. A correction never creates a
/// report; it stores the next version of the one it names, replies old → new, and is audited.
/// </summary>
public sealed partial class CorrectionHandler(
    IProgressReportRepository reports,
    IMemberRepository members,
    IPlanRepository plans,
    IReportUnderstanding understanding,
    ReportTargets targets,
    ReportAudit audit)
{
    public const string Examples = "例如“#12 更正：走访企业5家”“更正：是2天不是1天”“更正：日期是5月17日”“更正：地点改为平东街道”“更正：行动是大招商”“更正：加上平东街道”";

    public async Task<IReadOnlyList<BotReply>> CorrectAsync(Member sender, InboxMessage message, CancellationToken cancellationToken)
    {
        var target = await targets.ResolveAsync(sender, message, "更正", wantWithdrawn: false, cancellationToken);
        if (target.Report is not ProgressReport report)
        {
            return [target.Refusal!];
        }

        var body = ConversationIntent.CorrectionBody(message.Text);
        var form = CorrectionSyntax.Parse(body);
        var amended = ReportTexts.Copy(report);
        var changes = await ApplyAsync(sender, message, form, report, amended, cancellationToken);
        if (changes.Count == 0)
        {
            return [new BotReply($"没能识别要对第{report.Id}条汇报更正的内容。请按格式发送，{Examples}；或发送“撤回”。")];
        }

        var newId = await reports.AddVersionAsync(report.Id, amended, cancellationToken);
        if (newId is null)
        {
            return [new BotReply($"第{report.Id}条汇报刚被更新或撤回，请查看最新版本后再更正。")];
        }

        await audit.ChangedAsync(sender, "report.correct", report, amended, cancellationToken);
        return [new BotReply($"✏️ 已更正第{report.Id}条汇报（新版本 #{newId}，原记录保留）：{string.Join("；", changes)}")];
    }

    private async Task<List<string>> ApplyAsync(Member sender, InboxMessage message, CorrectionForm form, ProgressReport report, ProgressReport amended, CancellationToken cancellationToken)
    {
        var changes = new List<string>();
        switch (form.Field)
        {
            case CorrectionField.Date:
                await DateAsync(sender, message, form.Value, amended, changes, cancellationToken);
                return changes;
            case CorrectionField.Action:
                await ActionAsync(form.Value, amended, changes, cancellationToken);
                return changes;
            case CorrectionField.Place:
                await PlacesAsync(sender, message, form, amended, changes, replaceAll: form.Operation == CorrectionOperation.Set && form.Old is null, cancellationToken);
                return changes;
            case CorrectionField.People:
                await PeopleAsync(form, amended, changes, cancellationToken);
                return changes;
        }

        if (form.Operation != CorrectionOperation.Set)
        {
            // 加上/去掉 X: a person on the roster, else a place.
            await PeopleAsync(form, amended, changes, cancellationToken);
            if (changes.Count == 0)
            {
                await PlacesAsync(sender, message, form, amended, changes, replaceAll: false, cancellationToken);
            }

            return changes;
        }

        // An unnamed value: counters, a date and photos as stated; else a place; else an action.
        await MetricsAsync(sender, message, form, report, amended, changes, cancellationToken);
        if (ChineseDates.NamesDay(form.Value))
        {
            await DateAsync(sender, message, form.Value, amended, changes, cancellationToken);
        }

        Photos(message, form.Value, amended, changes);

        if (changes.Count == 0)
        {
            await PlacesAsync(sender, message, form, amended, changes, replaceAll: form.Old is null, cancellationToken);
        }

        if (changes.Count == 0 && !HasDigit().IsMatch(form.Value))
        {
            await ActionAsync(form.Value, amended, changes, cancellationToken);
        }

        return changes;
    }

    private async Task<ParsedReport> ParseAsync(Member sender, InboxMessage message, string text, CancellationToken cancellationToken) =>
        await understanding.UnderstandAsync(new ReportMessage("汇报：" + text, sender.Name, message.ReceivedAt, 0), allowLlm: false, cancellationToken);

    private async Task DateAsync(Member sender, InboxMessage message, string value, ProgressReport amended, List<string> changes, CancellationToken cancellationToken)
    {
        var parsed = await ParseAsync(sender, message, value, cancellationToken);
        if (parsed.Date is not DateOnly date || (date == amended.WorkDate && parsed.EndDate == amended.EndDate))
        {
            return;
        }

        var before = amended.WorkDate is DateOnly d ? ReportTexts.Range(d, amended.EndDate) : "未填";
        amended.WorkDate = date;
        amended.EndDate = parsed.EndDate;
        amended.Missing.Remove(ReportFields.Date);
        if (amended.Activity == Activities.Research && amended.Metrics.ContainsKey(MetricKeys.ResearchDays) && parsed.EndDate is DateOnly end)
        {
            amended.Metrics[MetricKeys.ResearchDays] = end.DayNumber - date.DayNumber + 1;
        }

        changes.Add($"日期 {before}→{ReportTexts.Range(date, parsed.EndDate)}");
    }

    /// <summary>照片3张 (or the images attached to the correction) replaces the photo count.</summary>
    private static void Photos(InboxMessage message, string value, ProgressReport amended, List<string> changes)
    {
        var stated = PhotoCount().Match(value);
        int? count = stated.Success ? int.Parse(stated.Groups["n"].Value, CultureInfo.InvariantCulture) : message.Images > 0 ? message.Images : null;
        if (count is int n && n != amended.Photos)
        {
            changes.Add($"照片 {amended.Photos}→{n}张");
            amended.Photos = n;
        }
    }

    private async Task ActionAsync(string value, ProgressReport amended, List<string> changes, CancellationToken cancellationToken)
    {
        var plan = await plans.GetActiveAsync(cancellationToken);
        var digits = Digits().Match(value);
        var action = RosterLookup.FindAction(value, plan)
            ?? (digits.Success && int.TryParse(digits.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? plan?.Actions.FirstOrDefault(a => a.Number == n) : null);
        if (action is null || action.Number == amended.Action)
        {
            return;
        }

        var before = amended.Action is int old ? $"行动{ReportTexts.Numeral(old)}" : "未关联";
        amended.Action = action.Number;
        amended.Missing.Remove(ReportFields.Action);
        changes.Add($"行动 {before}→行动{ReportTexts.Numeral(action.Number)}“{RosterLookup.Core(action.Title)}”");
    }

    private async Task MetricsAsync(Member sender, InboxMessage message, CorrectionForm form, ProgressReport report, ProgressReport amended, List<string> changes, CancellationToken cancellationToken)
    {
        // 走访企业6家, 走访企业数改为6家 (label + value), 调研2天.
        var phrase = HasDigit().IsMatch(form.Label) ? form.Value : form.Phrase;
        var parsed = await ParseAsync(sender, message, phrase, cancellationToken);
        var stated = parsed.Metrics
            .Where(kv => kv.Key is not MetricKeys.ResearchTrips || phrase.Contains('次', StringComparison.Ordinal)) // 调研次数 is implied by a visit, not stated
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

        if (stated.Count == 0 && Counter().Match(form.Value) is { Success: true } counter)
        {
            // A bare counter (2天, 5家): the report's metric counted in that unit, the one holding the old value when stated.
            var value = double.Parse(counter.Groups["n"].Value, CultureInfo.InvariantCulture);
            var unit = counter.Groups["u"].Value;
            var old = form.Old is not null && Counter().Match(form.Old) is { Success: true } o ? double.Parse(o.Groups["n"].Value, CultureInfo.InvariantCulture) : (double?)null;
            var sameUnit = report.Metrics.Keys.Where(k => MetricCatalog.Unit(k) == unit).ToList();
            if (old is double previous && sameUnit.Count(k => Math.Abs(report.Metrics[k] - previous) < 1e-9) == 1)
            {
                sameUnit = [sameUnit.Single(k => Math.Abs(report.Metrics[k] - previous) < 1e-9)];
            }

            if (sameUnit.Count == 1)
            {
                stated[sameUnit[0]] = value;
            }
        }

        foreach (var (metric, value) in stated)
        {
            var old = report.Metrics.GetValueOrDefault(metric);
            if (Math.Abs(old - value) > 1e-9)
            {
                changes.Add($"{MetricCatalog.Label(metric)} {MetricCatalog.Format(old)}→{MetricCatalog.Format(value)}{MetricCatalog.Unit(metric)}");
                amended.Metrics[metric] = value;
            }
        }
    }

    private async Task PlacesAsync(Member sender, InboxMessage message, CorrectionForm form, ProgressReport amended, List<string> changes, bool replaceAll, CancellationToken cancellationToken)
    {
        var places = await PlacesInAsync(sender, message, form.Value, cancellationToken);
        var before = amended.Places.Count == 0 ? "未填" : string.Join("、", amended.Places);
        if (form.Operation == CorrectionOperation.Remove)
        {
            var removed = amended.Places.Where(p => places.Contains(p, StringComparer.Ordinal) || p.Contains(form.Value, StringComparison.Ordinal)).ToList();
            if (removed.Count == 0)
            {
                return;
            }

            amended.Places.RemoveAll(removed.Contains);
            changes.Add($"地点 {before}→{(amended.Places.Count == 0 ? "未填" : string.Join("、", amended.Places))}");
            return;
        }

        if (places.Count == 0)
        {
            return;
        }

        if (form.Operation == CorrectionOperation.Add)
        {
            amended.Places.AddRange(places.Where(p => !amended.Places.Contains(p, StringComparer.Ordinal)));
        }
        else if (form.Old is not null && (await PlacesInAsync(sender, message, form.Old, cancellationToken)) is { Count: > 0 } old
                 && amended.Places.Any(p => old.Contains(p, StringComparer.Ordinal)))
        {
            var at = amended.Places.FindIndex(p => old.Contains(p, StringComparer.Ordinal));
            amended.Places.RemoveAll(p => old.Contains(p, StringComparer.Ordinal));
            amended.Places.InsertRange(Math.Min(at, amended.Places.Count), places.Where(p => !amended.Places.Contains(p, StringComparer.Ordinal)));
        }
        else if (replaceAll)
        {
            amended.Places.Clear();
            amended.Places.AddRange(places);
        }
        else
        {
            return;
        }

        var after = string.Join("、", amended.Places);
        if (after != before)
        {
            changes.Add($"地点 {before}→{after}");
        }
    }

    private async Task<List<string>> PlacesInAsync(Member sender, InboxMessage message, string text, CancellationToken cancellationToken)
    {
        var value = text.Trim();
        if (PlaceName().IsMatch(value))
        {
            return [value]; // a whole place name, known to the gazetteer or not (平东街道)
        }

        var parsed = await ParseAsync(sender, message, $"到{value}调研", cancellationToken);
        return [.. parsed.Places.Where(p => !PlaceSuffix().IsMatch(p))];
    }

    private async Task PeopleAsync(CorrectionForm form, ProgressReport amended, List<string> changes, CancellationToken cancellationToken)
    {
        var roster = await members.ListAsync(cancellationToken);
        var named = form.Value.Split(['、', '，', ',', '和', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => RosterLookup.FindNamed(part, roster)?.Name ?? (form.Field == CorrectionField.People && PersonName().IsMatch(part) ? part : null))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (named.Count == 0)
        {
            return;
        }

        var before = amended.People.Count == 0 ? "未填" : string.Join("、", amended.People);
        switch (form.Operation)
        {
            case CorrectionOperation.Add:
                amended.People.AddRange(named.Where(n => !amended.People.Contains(n, StringComparer.Ordinal)));
                break;
            case CorrectionOperation.Remove:
                amended.People.RemoveAll(named.Contains);
                break;
            default:
                amended.People.Clear();
                amended.People.AddRange(named);
                break;
        }

        var after = amended.People.Count == 0 ? "未填" : string.Join("、", amended.People);
        if (after != before)
        {
            changes.Add($"人员 {before}→{after}");
        }
    }

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}]{1,10}(?:街道|社区|乡|镇|村|园区|开发区|示范区|工业区|产业园)$")]
    private static partial Regex PlaceName();

    [GeneratedRegex(@"^(?:街道|社区|乡|镇|村|园区|开发区|示范区|工业区|产业园)$")]
    private static partial Regex PlaceSuffix();

    [GeneratedRegex(@"(?:照片|图片)\D{0,3}(?<n>\d{1,3})\s*张|(?<n>\d{1,3})\s*张(?:照片|图片)")]
    private static partial Regex PhotoCount();

    [GeneratedRegex(@"\d")]
    private static partial Regex HasDigit();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\s*(?<n>\d+(?:\.\d+)?)\s*(?<u>[\p{IsCJKUnifiedIdeographs}]{1,2})\s*$")]
    private static partial Regex Counter();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}]{2,4}$")]
    private static partial Regex PersonName();
}
