using System.Text.RegularExpressions;

namespace Bot.Skills.Plans.Import;

/// <summary>One row of a table flattened to text, with the column of each field (task, lead, support, deadline …).</summary>
internal sealed record TableRow(IReadOnlyList<string> Cells, IReadOnlyDictionary<string, int> Map)
{
    public const string Task = "task";
    public const string Lead = "lead";
    public const string Responsible = "responsible";
    public const string Support = "support";
    public const string Leader = "leader";
    public const string Deadline = "deadline";

    /// <summary>The cell of a field, or "" when the table has no such column.</summary>
    public string Cell(string key) => Map.TryGetValue(key, out var i) && i < Cells.Count ? Cells[i] : "";

    /// <summary>The task cell, or the longest cell that is no known field.</summary>
    public string TaskText() => Cell(Task) is { Length: > 0 } task
        ? task
        : Cells.Where((c, i) => !Map.Values.Contains(i)).OrderByDescending(c => c.Length).FirstOrDefault() ?? "";

    public override string ToString() => string.Join(" | ", Cells);
}

/// <summary>
/// Tables flattened to text (cells split by |, tabs or wide gaps): a header row (序号 | 工作任务 | 牵头单位 | 配合单位 |
/// 完成时限) names the columns of the rows below it; without a header, a row of three or more cells with a unit
/// column and a deadline column is read as a task row.
/// </summary>
internal sealed partial class TableReader(ChineseDates dates)
{
    private Dictionary<string, int>? _header;

    /// <summary>What a line of a table is.</summary>
    public enum Kind
    {
        NotTable,
        Header,
        Rule,
        Row,
    }

    /// <summary>Reads a line; <paramref name="row"/> is set for <see cref="Kind.Row"/>.</summary>
    public Kind Read(string text, out TableRow? row)
    {
        row = null;
        var cells = Cells(text);
        if (cells.Count >= 2 && HeaderMap(cells) is { } header)
        {
            _header = header;
            return Kind.Header;
        }

        if (TableRule().IsMatch(text) && (_header is not null || text.Contains('|', StringComparison.Ordinal)))
        {
            return Kind.Rule;
        }

        if (_header is not null)
        {
            if (cells.Count >= 2)
            {
                row = new TableRow(cells, _header);
                return Kind.Row;
            }

            _header = null;
            return Kind.NotTable;
        }

        if (cells.Count >= 3 && InferRow(cells) is { } inferred)
        {
            row = new TableRow(cells, inferred);
            return Kind.Row;
        }

        return Kind.NotTable;
    }

    /// <summary>Ends the current table (a new action starts).</summary>
    public void Reset() => _header = null;

    /// <summary>The cells of a line split by |, tabs or runs of two or more spaces; empty when fewer than two.</summary>
    public static List<string> Cells(string text)
    {
        string[] parts;
        if (text.Contains('|', StringComparison.Ordinal) || text.Contains('｜', StringComparison.Ordinal))
        {
            parts = text.Split('|', '｜');
        }
        else if (text.Contains('\t', StringComparison.Ordinal))
        {
            parts = text.Split('\t');
        }
        else
        {
            parts = WideGap().Split(text);
        }

        var cells = parts.Select(p => p.Trim()).ToList();
        while (cells.Count > 0 && cells[0].Length == 0)
        {
            cells.RemoveAt(0);
        }

        while (cells.Count > 0 && cells[^1].Length == 0)
        {
            cells.RemoveAt(cells.Count - 1);
        }

        return cells.Count >= 2 ? cells : [];
    }

    private static Dictionary<string, int>? HeaderMap(List<string> cells)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var key = cells[i] switch
            {
                "序号" or "编号" => "number",
                "任务" or "工作任务" or "重点任务" or "具体任务" or "主要任务" or "工作内容" or "任务内容" or "事项" or "内容" or "工作措施" or "任务名称" => TableRow.Task,
                "牵头单位" or "牵头部门" or "主责单位" => TableRow.Lead,
                "责任单位" or "责任部门" or "落实单位" => TableRow.Responsible,
                "配合单位" or "协办单位" or "参与单位" or "配合部门" => TableRow.Support,
                "责任领导" or "牵头领导" or "分管领导" or "责任人" => TableRow.Leader,
                "完成时限" or "完成时间" or "时间节点" or "时限" or "时限要求" => TableRow.Deadline,
                _ => null,
            };
            if (key is not null)
            {
                map.TryAdd(key, i);
            }
        }

        return map.Count >= 2 && (map.ContainsKey(TableRow.Task) || map.ContainsKey(TableRow.Lead) || map.ContainsKey(TableRow.Deadline)) ? map : null;
    }

    private Dictionary<string, int>? InferRow(List<string> cells)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            if (c.All(char.IsAsciiDigit))
            {
                map.TryAdd("number", i);
            }
            else if (dates.ParseLeading(c) is { } spec && spec.Length >= c.Length - 3)
            {
                map.TryAdd(TableRow.Deadline, i);
            }
            else if (c.Split('、', '，', ',').All(t => UnitNames.LooksLikeUnit(t) || UnitNames.IsStreetCollective(t) || UnitNames.IsTownshipCollective(t) || UnitNames.IsDepartmentCollective(t)))
            {
                map.TryAdd(map.ContainsKey(TableRow.Lead) ? TableRow.Responsible : TableRow.Lead, i);
            }
        }

        return map.ContainsKey(TableRow.Deadline) && map.ContainsKey(TableRow.Lead) ? map : null;
    }

    [GeneratedRegex(@"^\s*\|?\s*:?-{2,}")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex WideGap();
}
