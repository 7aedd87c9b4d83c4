namespace Bot.Data.Units;

/// <summary>Unit types of a district government.</summary>
public static class UnitTypes
{
    public const string Department = "部门";
    public const string Township = "乡";
    public const string Subdistrict = "街道";
    public const string Zone = "示范区";
}

/// <summary>A government unit (区发改局, 平西乡, 北沟街道 …) with the aliases people use for it.</summary>
public sealed class Unit
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public List<string> Aliases { get; set; } = [];

    public string Type { get; set; } = UnitTypes.Department;

    public DateTimeOffset CreatedAt { get; set; }
}
