using Bot.Data.Members;
using Bot.Data.ProgressReports;
using Bot.Data.Tasks;

namespace Bot.Skills.Conversation;

/// <summary>Who may do what. Every write in chat goes through one of these checks first.</summary>
public static class Permissions
{
    public static bool IsOffice(Member member) => member.Role is Roles.Office or Roles.Admin;

    /// <summary>May <paramref name="sender"/> report (or correct) on behalf of <paramref name="subject"/>?</summary>
    public static bool MayReportFor(Member sender, Member subject) =>
        sender.Id == subject.Id || IsOffice(sender) || (sender.Role == Roles.Department && sender.LeaderId == subject.Id);

    /// <summary>Only the reporter, the leader the report is for, or the office may correct, withdraw or restore a report.</summary>
    public static bool MayChangeReport(Member sender, ProgressReport report) =>
        report.ReportedBy == sender.Name || (report.MemberId is long id && id == sender.Id) || IsOffice(sender);

    /// <summary>Office, admin, or a liaison of the task's responsible unit may close it.</summary>
    public static bool MayCloseTask(Member sender, PlanTask task) =>
        IsOffice(sender) || (sender.Role == Roles.Department && sender.UnitId is not null && sender.UnitId == task.OwnerUnitId);

    public static bool MayAddTask(Member sender) => IsOffice(sender);

    public static bool MayNudge(Member sender) => IsOffice(sender);

    public static bool MayExport(Member sender) => IsOffice(sender) || sender.Role == Roles.Leader;

    public static bool MayConfirmBinding(Member sender) => IsOffice(sender);

    /// <summary>Office or admin may stage a plan file sent in chat and confirm its import.</summary>
    public static bool MayImportPlan(Member sender) => IsOffice(sender);

    public static string RoleName(string role) => role switch
    {
        Roles.Leader => "区领导",
        Roles.Department => "部门联络员",
        Roles.Office => "区政府办",
        Roles.Admin => "管理员",
        _ => role,
    };
}
