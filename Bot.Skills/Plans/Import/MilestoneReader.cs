using System.Text.RegularExpressions;
using Bot.Data.Plans;

namespace Bot.Skills.Plans.Import;

/// <summary>
/// Stage 2 of the import: milestones. Turns schedule items (<c>5月下旬，赴江苏…；6月，赴…</c>), action periods
/// (<c>…行动（5月—10月）</c>) and task deadlines (<c>完成时限：2024年6月底前</c>, <c>每季度末</c>, <c>长期坚持</c>) into
/// dated milestones of the plan year, recurring when the text says 每月/每季度/每半年. The same text with the same
/// window is stored once.
/// </summary>
internal sealed partial class MilestoneReader(ChineseDates dates)
{
    public ChineseDates Dates { get; } = dates;

    /// <summary>The whole plan year.</summary>
    public (DateOnly Start, DateOnly End) Whole()
    {
        var w = Dates.WholeYear();
        return (w.Start!.Value, w.End);
    }

    /// <summary>Reads the period of an action heading (<c>5月—10月</c>) into its dates; false when it is not a period.</summary>
    public bool IsPeriod(string text) =>
        Dates.ParseLeading(text) is { } spec && spec.Length >= text.Trim().Length - 2;

    /// <summary>Sets an action's dates from its written period.</summary>
    public void ReadPeriod(PlanAction action, string period)
    {
        if (Dates.ParseLeading(period) is { } spec)
        {
            (action.StartDate, action.EndDate) = spec.Windows.Count > 0 ? (spec.Start, spec.End) : Whole();
        }
    }

    /// <summary>
    /// A schedule item: a leading date (and each further clause with its own leading date) or a date anywhere in it,
    /// or a bare cadence (每月…). False when the item holds no date at all.
    /// </summary>
    public bool ReadSchedule(ActionState state, string text)
    {
        var leading = Dates.ParseLeading(text);
        if (leading is not null)
        {
            Add(state, leading, text, leading.Recurrence);
            var first = true;
            foreach (var segment in ClauseSegments().Split(text))
            {
                if (first)
                {
                    first = false;
                    continue;
                }

                var s = segment.Trim();
                if (Dates.ParseLeading(s) is { Windows.Count: > 0 } sub)
                {
                    Add(state, sub, s, sub.Recurrence);
                }
            }

            return true;
        }

        var found = FindSignificant(text);
        var recurrence = RecurrenceIn(text);
        if (found is { Windows.Count: > 0 })
        {
            Add(state, found, text, found.Recurrence ?? recurrence);
        }
        else if ((found?.Recurrence ?? recurrence) is { } every)
        {
            Add(state, new DateSpec([], every, 0, 0, false), text, every);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>The milestones of a new task: its leading or first significant date, else one undated milestone.</summary>
    public void ReadTask(ActionState state, string text)
    {
        var action = state.Action;
        var spec = Dates.ParseLeading(text) is { Windows.Count: > 0 } leading ? leading : FindSignificant(text);
        var recurrence = RecurrenceIn(text);
        if (spec is { Windows.Count: > 0 })
        {
            (action.StartDate, action.EndDate) = (spec.Start, spec.End);
            Add(state, spec, text, spec.Recurrence ?? recurrence);
        }
        else
        {
            action.Milestones.Add(new Milestone { Text = ImportText.Cap(text, ImportText.MaxText), Recurrence = recurrence });
        }
    }

    /// <summary>A task's deadline replaces its milestones: one milestone per window of the deadline.</summary>
    public void SetTaskDeadline(ActionState state, DateSpec deadline, string deadlineText)
    {
        var action = state.Action;
        action.Period = ImportText.Cap(deadlineText, 64);
        (action.StartDate, action.EndDate) = (deadline.Start, deadline.End);
        action.Milestones.Clear();
        var text = state.TaskText.Length > 0 ? state.TaskText : action.Title;
        if (deadline.Windows.Count > 0)
        {
            Add(state, deadline, text, deadline.Recurrence ?? RecurrenceIn(text));
        }
        else
        {
            action.Milestones.Add(new Milestone { Text = ImportText.Cap(text, ImportText.MaxText), Recurrence = deadline.Recurrence ?? RecurrenceIn(text) });
        }
    }

    /// <summary>Milestones for each window of <paramref name="spec"/> (the action's or the year's window when it has none).</summary>
    public void Add(ActionState state, DateSpec spec, string text, string? recurrence)
    {
        var windows = spec.Windows.Count > 0
            ? spec.Windows
            : [new DateWindow(state.Action.StartDate ?? Whole().Start, state.Action.EndDate ?? Whole().End)];
        var capped = ImportText.Cap(text.Trim(), ImportText.MaxText);
        foreach (var w in windows)
        {
            var milestones = state.Action.Milestones;
            if (milestones.Any(m => m.StartDate == w.Start && m.EndDate == w.End && string.Equals(m.Text, capped, StringComparison.Ordinal)))
            {
                continue; // the same item read twice (a heading's period and its schedule line) is one milestone
            }

            milestones.Add(new Milestone
            {
                Text = capped,
                StartDate = w.Start,
                EndDate = w.End,
                Recurrence = recurrence,
            });
        }
    }

    /// <summary>A task line that starts with a date or holds a deadline (…前).</summary>
    public bool IsDatedTask(string body) =>
        ImportText.CjkShare(body) >= 0.5 && (Dates.ParseLeading(body) is { Windows.Count: > 0 } || FindSignificant(body) is { IsDeadline: true });

    /// <summary>The first date of the text that is more than a bare year (2018年, 次年).</summary>
    public DateSpec? FindSignificant(string text)
    {
        var offset = 0;
        while (offset < text.Length)
        {
            var spec = Dates.Find(text[offset..]);
            if (spec is null)
            {
                return null;
            }

            var written = text.Substring(offset + spec.Index, spec.Length);
            if (!BareYear().IsMatch(written))
            {
                return spec;
            }

            offset += spec.Index + Math.Max(1, spec.Length);
        }

        return null;
    }

    /// <summary>
    /// Dates that make a sentence actionable: months, quarters, 旬, days, year ends, deadlines — not 年初以来 or 持续.
    /// </summary>
    public bool HasActionableDate(string text)
    {
        var offset = 0;
        while (offset < text.Length && Dates.Find(text[offset..]) is { } spec)
        {
            var written = text.Substring(offset + spec.Index, spec.Length);
            if (spec.IsDeadline || ActionableDate().IsMatch(written))
            {
                return true;
            }

            offset += spec.Index + Math.Max(1, spec.Length);
        }

        return false;
    }

    /// <summary>The cadence a text names (每月 → monthly, 每季度 → quarterly, 每半年 → half-yearly), if any.</summary>
    public static string? RecurrenceIn(string text) => ChineseDates.RecurrenceIn(text);

    [GeneratedRegex(@"^(?:(?:19|20)\d{2}\s*年|次年|翌年|第二年|明年)$")]
    private static partial Regex BareYear();

    [GeneratedRegex("[。；;：:]")]
    private static partial Regex ClauseSegments();

    [GeneratedRegex("月|季度|旬|[日号]$|年底|年末|年终|半年")]
    private static partial Regex ActionableDate();
}
