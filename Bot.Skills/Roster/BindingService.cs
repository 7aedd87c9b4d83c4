using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Data.Audit;
using Bot.Data.Common;
using Bot.Data.Members;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Roster;

/// <summary>How long an unknown account's <c>我是XXX</c> request waits for the office.</summary>
public sealed class BindingOptions
{
    public const string SectionName = "Binding";

    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Refuses a binding request lifetime that is not positive.</summary>
public sealed class BindingOptionsValidator : IValidateOptions<BindingOptions>
{
    public ValidateOptionsResult Validate(string? name, BindingOptions options) =>
        options.RequestLifetime > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Binding:RequestLifetime must be positive (e.g. 7.00:00:00).");
}

/// <summary>What a decision on a binding request did.</summary>
public sealed record BindingDecision(bool Done, string Reply, BindingRequest? Request = null, Member? Member = null);

/// <summary>
/// Binds an unknown platform account to a roster member: the account's <c>我是XXX</c> files a numbered request
/// (platform, account, chat, time) that the office confirms by number (<c>确认绑定 3</c> in chat, or on the console's
/// roster page) seeing the account it binds. Requests expire after <see cref="BindingOptions.RequestLifetime"/>;
/// every decision is audited.
/// </summary>
public sealed partial class BindingService(
    IBindingRequestRepository requests,
    IMemberRepository members,
    IAuditRepository audit,
    IOptions<BindingOptions> options,
    TimeProvider time)
{
    private TimeSpan Lifetime => options.Value.RequestLifetime;

    /// <summary>The name in a <c>我是XXX</c> message, or null.</summary>
    public static string? ClaimedName(string text)
    {
        var match = IAm().Match(text.Trim());
        return match.Success ? match.Groups["name"].Value : null;
    }

    /// <summary>Files (or repeats) the request of an unknown account; returns the reply to the sender.</summary>
    public async Task<string> RequestAsync(string platform, string userId, string? chatId, string claimedName, CancellationToken cancellationToken = default)
    {
        if (await members.FindByAccountAsync(platform, userId, cancellationToken) is { Active: true } bound)
        {
            return $"您的账号已绑定到{bound.Name}，可以直接汇报。";
        }

        var member = await members.FindByNameAsync(claimedName, cancellationToken);
        var existing = (await LivePendingAsync(cancellationToken))
            .FirstOrDefault(r => r.Platform == platform && r.UserId == userId && r.ClaimedName == claimedName);
        var id = existing?.Id ?? await requests.AddAsync(new BindingRequest
        {
            Platform = platform,
            UserId = userId,
            ClaimedName = claimedName,
            MemberId = member?.Id,
            ChatId = chatId,
            State = BindingRequestStates.Pending,
        }, cancellationToken);

        var days = Math.Max(1, (int)Math.Round(Lifetime.TotalDays));
        return member is null
            ? $"已收到绑定申请 #{id}：{claimedName}。名册中还没有“{claimedName}”，请区政府办先在控制台“人员”页添加，再发送“确认绑定 {id}”（{days}天内有效）。"
            : $"已收到绑定申请 #{id}：{claimedName}。请区政府办发送“确认绑定 {id}”完成确认（{days}天内有效）。";
    }

    /// <summary>Pending requests that have not expired, oldest first.</summary>
    public async Task<IReadOnlyList<BindingRequest>> LivePendingAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return (await requests.ListPendingAsync(cancellationToken)).Where(r => r.CreatedAt + Lifetime > now).ToList();
    }

    /// <summary>The office's chat list of what waits for confirmation.</summary>
    public async Task<string> DescribePendingAsync(CancellationToken cancellationToken = default)
    {
        var pending = await LivePendingAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return "目前没有待确认的绑定申请。";
        }

        var text = new StringBuilder("待确认的绑定申请（发送“确认绑定 编号”确认，“拒绝绑定 编号”拒绝）：");
        foreach (var request in pending)
        {
            text.Append('\n').Append(Describe(request));
        }

        return text.ToString();
    }

    /// <summary>
    /// Confirms request <paramref name="argument"/>: a number, or a claimed name that only one live request carries.
    /// <paramref name="memberId"/> chooses the member when the claimed name is not on the roster (console).
    /// </summary>
    public async Task<BindingDecision> ConfirmAsync(string actor, string argument, long? memberId = null, CancellationToken cancellationToken = default)
    {
        var (request, problem) = await ResolveAsync(argument, cancellationToken);
        if (request is null)
        {
            return new BindingDecision(false, problem!);
        }

        var member = memberId is long chosen ? await members.GetAsync(chosen, cancellationToken)
            : request.MemberId is long matched ? await members.GetAsync(matched, cancellationToken)
            : await members.FindByNameAsync(request.ClaimedName, cancellationToken);
        if (member is null)
        {
            return new BindingDecision(false, $"名册中没有“{request.ClaimedName}”，请先在控制台“人员”页添加，再确认绑定申请 #{request.Id}。", request);
        }

        if (await members.FindByAccountAsync(request.Platform, request.UserId, cancellationToken) is { } holder && holder.Id != member.Id)
        {
            return new BindingDecision(false, $"{PlatformName(request.Platform)}账号 {request.UserId} 已绑定给{holder.Name}，未做更改。", request, member);
        }

        if (!await requests.DecideAsync(request.Id, BindingRequestStates.Approved, actor, cancellationToken))
        {
            return new BindingDecision(false, $"绑定申请 #{request.Id} 已处理过。", request, member);
        }

        await members.BindAccountAsync(request.Platform, request.UserId, member.Id, cancellationToken);
        await AuditAsync(actor, "member.bind", request, member, BindingRequestStates.Approved, cancellationToken);
        return new BindingDecision(true,
            $"✅ 已确认绑定申请 #{request.Id}：{PlatformName(request.Platform)}账号 {request.UserId} → {member.Name}（{Conversation.Permissions.RoleName(member.Role)}），可以开始汇报了。",
            request, member);
    }

    /// <summary>Rejects request <paramref name="argument"/> (a number or a unique claimed name).</summary>
    public async Task<BindingDecision> RejectAsync(string actor, string argument, CancellationToken cancellationToken = default)
    {
        var (request, problem) = await ResolveAsync(argument, cancellationToken);
        if (request is null)
        {
            return new BindingDecision(false, problem!);
        }

        if (!await requests.DecideAsync(request.Id, BindingRequestStates.Rejected, actor, cancellationToken))
        {
            return new BindingDecision(false, $"绑定申请 #{request.Id} 已处理过。", request);
        }

        await AuditAsync(actor, "member.bind_reject", request, null, BindingRequestStates.Rejected, cancellationToken);
        return new BindingDecision(true, $"已拒绝绑定申请 #{request.Id}（{request.ClaimedName}，{PlatformName(request.Platform)}账号 {request.UserId}）。", request);
    }

    private async Task<(BindingRequest? Request, string? Problem)> ResolveAsync(string argument, CancellationToken cancellationToken)
    {
        var key = argument.Trim().TrimStart('#', '＃', '@').Trim();
        if (key.Length == 0)
        {
            return (null, await DescribePendingAsync(cancellationToken));
        }

        BindingRequest? request;
        if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            request = await requests.GetAsync(id, cancellationToken);
            if (request is null)
            {
                return (null, $"没有编号为 #{id} 的绑定申请。");
            }
        }
        else
        {
            var named = (await LivePendingAsync(cancellationToken)).Where(r => r.ClaimedName == key).ToList();
            if (named.Count == 0)
            {
                return (null, $"没有“{key}”的待确认绑定申请。");
            }

            if (named.Count > 1)
            {
                return (null, $"“{key}”有{named.Count}个待确认的绑定申请，请核对账号后发送“确认绑定 编号”：\n" + string.Join('\n', named.Select(Describe)));
            }

            request = named[0];
        }

        if (request.State != BindingRequestStates.Pending)
        {
            return (null, $"绑定申请 #{request.Id} 已处理过。");
        }

        if (request.CreatedAt + Lifetime <= time.GetUtcNow())
        {
            return (null, $"绑定申请 #{request.Id} 已过期，请对方重新发送“我是{request.ClaimedName}”。");
        }

        return (request, null);
    }

    private string Describe(BindingRequest request)
    {
        var at = TimeZoneInfo.ConvertTime(request.CreatedAt, Calendar.BusinessClock.Shanghai);
        var chat = string.IsNullOrEmpty(request.ChatId) ? "单聊" : $"群 {request.ChatId}";
        return $"#{request.Id} {request.ClaimedName}：{PlatformName(request.Platform)}账号 {request.UserId}（{chat}，{at:M月d日 HH:mm}）";
    }

    private async Task AuditAsync(string actor, string action, BindingRequest request, Member? member, string state, CancellationToken cancellationToken) =>
        await audit.AddAsync(new AuditEntry
        {
            Actor = actor,
            Action = action,
            Entity = "binding_requests",
            EntityId = request.Id.ToString(CultureInfo.InvariantCulture),
            OldValue = Json.Serialize(new { state = BindingRequestStates.Pending }),
            NewValue = Json.Serialize(new { request.Platform, request.UserId, request.ClaimedName, member = member?.Name, state }),
        }, cancellationToken);

    private static string PlatformName(string platform) => platform switch
    {
        Platforms.WeCom => "企业微信",
        Platforms.DingTalk => "钉钉",
        _ => platform,
    };

    [GeneratedRegex(@"^我是\s*(?<name>[\p{IsCJKUnifiedIdeographs}]{2,4})\s*[。.!！]?$")]
    private static partial Regex IAm();
}
