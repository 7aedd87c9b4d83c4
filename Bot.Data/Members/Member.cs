namespace Bot.Data.Members;

/// <summary>What a roster member may do.</summary>
public static class Roles
{
    public const string Leader = "leader";
    public const string Department = "department";
    public const string Office = "office";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Leader, Department, Office, Admin];
}

/// <summary>Chat platforms.</summary>
public static class Platforms
{
    public const string WeCom = "wecom";
    public const string DingTalk = "dingtalk";
    public const string Sandbox = "sandbox";
}

/// <summary>A person on the roster: a leader (区长, 副区长), a department liaison, office staff or an admin.</summary>
public sealed class Member
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>职务, e.g. 副区长, 区发改局联络员.</summary>
    public string? Title { get; set; }

    public string Role { get; set; } = Roles.Department;

    public long? UnitId { get; set; }

    /// <summary>The leader in charge (分管领导) of this member's unit.</summary>
    public long? LeaderId { get; set; }

    /// <summary>区, 乡 or 村 for river chiefs; null otherwise.</summary>
    public string? RiverChiefLevel { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A platform user id bound to a roster member.</summary>
public sealed class MemberAccount
{
    public long Id { get; set; }

    public string Platform { get; set; } = "";

    public string UserId { get; set; } = "";

    public long MemberId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
