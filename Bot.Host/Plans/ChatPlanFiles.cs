using System.Globalization;
using Bot.Data.Evidence;
using Bot.Data.Imports;
using Bot.Data.Members;
using Bot.Host.Dashboard.Admin;
using Bot.Host.Dashboard.Security;
using Bot.Skills.Conversation;
using Bot.Skills.Plans;
using Microsoft.Extensions.Options;

namespace Bot.Host.Plans;

/// <summary>
/// A plan document (.docx/.txt) the office sends in a chat: instead of being kept as evidence it is staged like a console
/// upload, and the chat gets the preview summary (N项行动、N个节点… N行未识别), the changes against the active plan and
/// a link to the preview page; <c>确认导入</c> in the chat or on the page imports it. Files from anyone else, and files
/// that do not read as a plan, stay evidence.
/// </summary>
public sealed class ChatPlanFiles(
    IMemberRepository members,
    IStagedImportRepository staged,
    PlanPreviewer previewer,
    ChatNotifier notifier,
    IOptions<DashboardOptions> dashboard)
{
    private static readonly string[] PlanExtensions = [".docx", ".txt"];

    /// <summary>True when the file was staged as a plan and the chat told; false leaves it to the evidence store.</summary>
    public async Task<bool> TryStageAsync(EvidenceDownload download, byte[] content, CancellationToken cancellationToken)
    {
        var name = download.FileName ?? "";
        if (download.Kind != EvidenceKinds.File || !PlanExtensions.Contains(Path.GetExtension(name).ToLowerInvariant()) ||
            await members.FindByAccountAsync(download.Platform, download.SenderId ?? "", cancellationToken) is not { Active: true } sender ||
            !Permissions.MayImportPlan(sender))
        {
            return false;
        }

        var read = PlanUploads.Read(name, content);
        if (read.Text is null)
        {
            return false;
        }

        var document = new StagedPlan(read.Text, null);
        var (result, diff) = await previewer.PreviewAsync(document, cancellationToken);
        if (result.Plan.Actions.Count == 0)
        {
            return false;
        }

        var id = await staged.AddAsync(new StagedImport
        {
            Kind = StagedImportKinds.Plan,
            FileName = Path.GetFileName(name),
            Payload = document.ToJson(),
            CreatedBy = sender.Name,
            Platform = download.Platform,
            ChatId = download.ChatId ?? "",
        }, cancellationToken);

        var changes = !diff.HasActivePlan ? "目前没有现行方案，导入后即为现行方案。"
            : diff.Identical ? "与现行方案相同。"
            : $"与现行方案相比：新增{diff.Count(PlanChangeKind.Added)}项、变更{diff.Count(PlanChangeKind.Changed)}项、删除{diff.Count(PlanChangeKind.Removed)}项，" +
              $"将新开{diff.TasksToOpen.Count}项任务、停止跟踪{diff.TasksToClose.Count}项。";
        var link = dashboard.Value.Link($"/admin/plans/preview/{id.ToString(CultureInfo.InvariantCulture)}");
        await notifier.ReplyAsync(download.InboxId,
            $"📄 收到方案文件《{Path.GetFileName(name)}》：{PlanPreview.Of(result).Summary}。{changes}\n预览：{link}\n回复“确认导入”导入为新版本，回复“放弃导入”作废。",
            $"plan-staged:{download.DedupeKey}", cancellationToken);
        return true;
    }
}
