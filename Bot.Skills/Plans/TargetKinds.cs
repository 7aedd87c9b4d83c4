namespace Bot.Skills.Plans;

/// <summary>Who a target applies to (<c>Target.AppliesTo</c>).</summary>
public static class TargetSubjects
{
    public const string Leader = "leader";
    public const string Unit = "unit";
    public const string RiverChief = "river_chief";
    public const string All = "all";
}

/// <summary>Who carries a duty (<c>Duty.Level</c>): river-chief levels 区/乡/村, or leader, office, unit.</summary>
public static class DutyLevels
{
    public const string District = "区";
    public const string Township = "乡";
    public const string Village = "村";
    public const string Leader = "leader";
    public const string Office = "office";
    public const string Unit = "unit";
}
