using System.ComponentModel;
using Bot.Skills.Calendar;
using Bot.Skills.Conversation;
using Microsoft.SemanticKernel;

namespace Bot.Skills.Status;

/// <summary>
/// Read-only status functions for LLM function calling. Each answers from the database through the same code as the
/// rules (so numbers never come from the model's memory). There is deliberately no function that writes.
/// </summary>
public sealed class StatusPlugin(QueryHandler queries, BusinessClock clock)
{
    [KernelFunction("get_non_reporters")]
    [Description("查询某个时间段内名册中还没有汇报的领导和联络员。")]
    public Task<string> GetNonReportersAsync([Description("时间段，例如 本周、本月、上月、本季度")] string period, CancellationToken cancellationToken = default) =>
        AskAsync($"{period}谁还没汇报", cancellationToken);

    [KernelFunction("get_overdue_tasks")]
    [Description("查询逾期未办结的任务清单。")]
    public Task<string> GetOverdueTasksAsync(CancellationToken cancellationToken = default) => AskAsync("逾期任务", cancellationToken);

    [KernelFunction("get_upcoming_tasks")]
    [Description("查询某个时间段内即将到期的任务。")]
    public Task<string> GetUpcomingTasksAsync([Description("时间段，例如 本周、本月")] string period, CancellationToken cancellationToken = default) =>
        AskAsync($"{period}到期", cancellationToken);

    [KernelFunction("get_leader_scorecard")]
    [Description("查询某位领导对照实施方案各项指标的完成情况（红绿灯）。")]
    public Task<string> GetLeaderScorecardAsync([Description("领导姓名或称呼，例如 王强、王副区长")] string leader, CancellationToken cancellationToken = default) =>
        AskAsync($"{leader}完成情况", cancellationToken);

    [KernelFunction("get_leader_counts")]
    [Description("统计某位领导在某个时间段内的调研天数、调研次数、项目、投资、巡河等数量。")]
    public Task<string> GetLeaderCountsAsync(
        [Description("领导姓名或称呼；全体领导写“各位副区长”")] string leader,
        [Description("要统计的内容，例如 调研几天、调研几次、签约项目、总投资、巡河次数")] string what,
        [Description("时间段，例如 本月、本季度、5月份、今年")] string period,
        CancellationToken cancellationToken = default) =>
        AskAsync($"{leader}{period}{what}", cancellationToken);

    [KernelFunction("get_action_progress")]
    [Description("查询实施方案中某项行动的进展（汇报数量、各项数字、任务办结情况）。")]
    public Task<string> GetActionProgressAsync(
        [Description("行动名称关键词或编号，例如 大招商、民生实事、行动二")] string action,
        [Description("时间段，例如 本月、本季度、今年")] string period,
        CancellationToken cancellationToken = default) =>
        AskAsync($"{action}行动{period}进展", cancellationToken);

    [KernelFunction("get_unvisited_units")]
    [Description("查询某位领导还没有走访过的街道、乡或部门。")]
    public Task<string> GetUnvisitedUnitsAsync([Description("领导姓名或称呼")] string leader, [Description("单位类型：街道、部门")] string unitType, CancellationToken cancellationToken = default) =>
        AskAsync($"哪些{unitType}{leader}还没走访", cancellationToken);

    [KernelFunction("get_recent_reports")]
    [Description("查询最近收到的工作汇报。")]
    public Task<string> GetRecentReportsAsync(CancellationToken cancellationToken = default) => AskAsync("最近汇报", cancellationToken);

    private async Task<string> AskAsync(string question, CancellationToken cancellationToken) =>
        (await queries.AnswerAsync(null, question, clock.Today, cancellationToken))?.Text ?? "没有查询到相关信息。";
}
