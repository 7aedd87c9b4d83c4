using System.Globalization;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Reminders;

/// <summary>Checks the <c>Schedule</c> section at start-up with bilingual messages that name the key.</summary>
internal sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    private static readonly HashSet<string> Periods = new(StringComparer.Ordinal) { "week", "xun", "month", "quarter" };

    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        var errors = new List<string>();
        foreach (var (rule, o) in options.ReminderRules)
        {
            CheckTime(errors, $"Schedule:{ScheduleOptions.KeyOf(rule)}:Time", o.Time);
        }

        foreach (var (kind, o) in options.DigestRules)
        {
            CheckTime(errors, $"Schedule:Digests:{kind}:Time", o.Time);
        }

        if (options.Milestones.DaysBefore.Any(d => d <= 0))
        {
            errors.Add("提前提醒的工作日数必须为正数 / Schedule:Milestones:DaysBefore must hold positive numbers.");
        }

        if (options.Milestones.OverdueEveryDays is < 1 or > 92)
        {
            errors.Add("逾期提醒间隔须为1至92天 / Schedule:Milestones:OverdueEveryDays must be between 1 and 92.");
        }

        if (options.Milestones.OverdueNudges is < 0 or > 52)
        {
            errors.Add("逾期提醒次数须为0至52次 / Schedule:Milestones:OverdueNudges must be between 0 and 52.");
        }

        if (options.FoldAfter is < 1 or > 50)
        {
            errors.Add("合并提醒中每组列出的事项数须为1至50 / Schedule:FoldAfter must be between 1 and 50.");
        }

        if (options.Quota.DayOfMonth is < 1 or > 31)
        {
            errors.Add("月度指标提醒日必须在1到31之间 / Schedule:Quota:DayOfMonth must be between 1 and 31.");
        }

        CheckMonthDay(errors, "Schedule:RiverPatrols:From", options.RiverPatrols.From);
        CheckMonthDay(errors, "Schedule:RiverPatrols:To", options.RiverPatrols.To);
        foreach (var (rule, duty) in options.Duties)
        {
            var key = $"Schedule:{ScheduleOptions.KeyOf(rule)}";
            if (!Periods.Contains(duty.Every))
            {
                errors.Add($"周期无效 / {key}:Every must be week, xun, month or quarter.");
            }

            var max = duty.Every switch { "week" => 7, "xun" => 10, "quarter" => 92, _ => 31 };
            if (duty.Day == 0 || Math.Abs(duty.Day) > max)
            {
                errors.Add($"日期序号无效 / {key}:Day must be 1..{max} (from the period's start) or -1..-{max} (from its end).");
            }

            if (duty.Months.Any(m => m is < 1 or > 12))
            {
                errors.Add($"月份无效 / {key}:Months must hold months 1..12.");
            }

            if (duty.From is not null)
            {
                CheckMonthDay(errors, key + ":From", duty.From);
            }

            if (duty.To is not null)
            {
                CheckMonthDay(errors, key + ":To", duty.To);
            }

            if (duty.Audience is not (Audiences.Leaders or Audiences.Office or Audiences.LeadersAndOffice))
            {
                errors.Add($"提醒对象无效 / {key}:Audience must be leaders, office or \"leaders,office\".");
            }

            if (duty.Enabled && string.IsNullOrWhiteSpace(duty.Text))
            {
                errors.Add($"提醒内容不能为空 / {key}:Text is required.");
            }
        }

        foreach (var target in options.Targets.Concat(options.DigestTargets))
        {
            if (string.IsNullOrWhiteSpace(target.Platform) || string.IsNullOrWhiteSpace(target.Channel) || string.IsNullOrWhiteSpace(target.Target))
            {
                errors.Add("推送目标必须填写 Platform、Channel 和 Target / every Schedule:Targets and Schedule:DigestTargets entry needs Platform, Channel and Target.");
            }
        }

        if (options.Digests.UpcomingDays < 0 || options.Digests.Highlights < 0)
        {
            errors.Add("简报参数不能为负 / Schedule:Digests:UpcomingDays and Highlights must be 0 or more.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Parses MM-dd into a date of <paramref name="year"/>.</summary>
    public static DateOnly MonthDay(string value, int year)
    {
        var parsed = DateOnly.ParseExact("2000-" + value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new DateOnly(year, parsed.Month, Math.Min(parsed.Day, DateTime.DaysInMonth(year, parsed.Month)));
    }

    private static void CheckTime(List<string> errors, string key, string value)
    {
        if (!TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"时间格式应为 HH:mm / {key} must be a time of day like 09:00 (got \"{value}\").");
        }
    }

    private static void CheckMonthDay(List<string> errors, string key, string value)
    {
        if (!DateOnly.TryParseExact("2000-" + value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"日期格式应为 MM-dd / {key} must be a month and day like 04-01 (got \"{value}\").");
        }
    }
}
