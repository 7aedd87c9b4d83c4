using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Data.Outbox;
using Bot.Data.ProgressReports;
using Bot.Host.Scheduling;
using Bot.Skills.Reminders;
using Bot.Tests.Skills.Reminders;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Skills.Figures;

/// <summary>
/// A year of the seed-shaped plan with random reports (some reported late), corrections, withdrawals and restorations
/// every day at 08:00; every digest the schedule posts is checked against the reports that were live when it was made.
/// </summary>
public sealed partial class DigestReplayTests
{
    [Fact]
    public async Task Every_digest_of_a_year_with_random_reports_corrections_and_withdrawals_totals_the_live_reports_of_its_period()
    {
        await using var world = await ScheduleWorld.CreateAsync();
        var reports = world.Get<IProgressReportRepository>();
        var outbox = world.Get<IOutboxRepository>();
        var random = new Random(14);
        var leaders = new[] { "王强", "张志刚", "赵立新", "陈立新" };
        var live = new Dictionary<long, (long CurrentId, DateOnly WorkDate, double Days, bool Withdrawn)>();
        var seen = new HashSet<long>();
        var checkedDigests = 0;

        for (var day = YearReplay.First; day <= YearReplay.Last; day = day.AddDays(1))
        {
            world.Clock.SetUtcNow(ScheduleWorld.At(day, new TimeOnly(8, 0)));
            for (var n = random.Next(0, 3); n > 0; n--)
            {
                var member = await world.MemberAsync(leaders[random.Next(leaders.Length)]);
                var workDate = day.AddDays(-random.Next(0, 12));   // some are reported days later
                var days = random.Next(1, 4);
                var id = await reports.AddAsync(new ProgressReport
                {
                    MemberId = member.Id, MemberName = member.Name, ReportedBy = member.Name, Action = 1, Activity = "调研",
                    WorkDate = workDate, Metrics = new() { ["research_days"] = days }, RawText = "调研",
                });
                live[id] = (id, workDate, days, false);
            }

            if (live.Count > 0 && random.Next(3) == 0)
            {
                var root = live.Keys.ElementAt(random.Next(live.Count));
                var (currentId, workDate, _, withdrawn) = live[root];
                var action = random.Next(3);
                if (action == 0 && !withdrawn)
                {
                    var amended = (await reports.GetAsync(currentId))!;
                    var days = random.Next(1, 6);
                    amended.Metrics = new() { ["research_days"] = days };
                    amended.CreatedAt = default;
                    live[root] = ((await reports.AddVersionAsync(currentId, amended))!.Value, workDate, days, false);
                }
                else if (action == 1 && !withdrawn)
                {
                    Assert.True(await reports.WithdrawAsync(currentId));
                    live[root] = live[root] with { Withdrawn = true };
                }
                else if (action == 2 && withdrawn)
                {
                    // Restored: the last version stored again as a new, live version.
                    Assert.True(await reports.RestoreAsync(currentId));
                    live[root] = ((await reports.FindCurrentAsync(currentId))!.Id, workDate, live[root].Days, false);
                }
            }

            foreach (var time in world.Get<IOptions<ScheduleOptions>>().Value.DigestTimes)
            {
                world.Clock.SetUtcNow(ScheduleWorld.At(day, time));
                if (await world.Get<DigestDispatcher>().RunAsync() == 0)
                {
                    continue;
                }

                foreach (var row in (await outbox.ListByTargetAsync("sandbox", "sandbox", 100_000)).Where(r => r.Source == OutboxSources.Digest && seen.Add(r.Id)))
                {
                    var range = PeriodLine().Match(row.Payload);
                    if (!range.Success)
                    {
                        continue;
                    }

                    var start = Date(range.Groups["y"].Value, range.Groups["m1"].Value, range.Groups["d1"].Value);
                    var end = range.Groups["m2"].Success ? Date(range.Groups["y"].Value, range.Groups["m2"].Value, range.Groups["d2"].Value) : start;
                    end = end < start ? end.AddYears(1) : end; // 2025年12月29日—1月4日
                    var counted = live.Values.Where(r => !r.Withdrawn && r.WorkDate >= start && r.WorkDate <= end && r.WorkDate <= day).ToList();
                    var line = ActionLine().Match(row.Payload);
                    Assert.True(line.Success, row.Payload);
                    Assert.Equal(counted.Count, int.Parse(line.Groups["n"].Value, CultureInfo.InvariantCulture));
                    Assert.Equal(counted.Sum(r => r.Days), line.Groups["days"].Success ? double.Parse(line.Groups["days"].Value, CultureInfo.InvariantCulture) : 0d);
                    checkedDigests++;
                }
            }
        }

        Assert.True(checkedDigests >= 60, $"only {checkedDigests} digests checked");
    }

    private static DateOnly Date(string y, string m, string d) =>
        new(int.Parse(y, CultureInfo.InvariantCulture), int.Parse(m, CultureInfo.InvariantCulture), int.Parse(d, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"统计周期：(?<y>\d{4})年(?<m1>\d+)月(?<d1>\d+)日(?:—(?<m2>\d+)月(?<d2>\d+)日)?")]
    private static partial Regex PeriodLine();

    [GeneratedRegex(@"大走访大调研行动：本期汇报(?<n>\d+)条(?:，调研天数(?<days>[\d.]+)天)?")]
    private static partial Regex ActionLine();
}
