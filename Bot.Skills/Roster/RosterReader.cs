using System.Text;
using Bot.Data.Members;
using MiniExcelLibs;

namespace Bot.Skills.Roster;

/// <summary>Reads a roster from .csv (UTF-8, optional BOM, quoted fields) or .xlsx (first sheet, header row).</summary>
public static class RosterReader
{
    private static readonly string[] Columns = ["姓名", "职务", "角色", "单位", "分管单位", "河长级别", "企业微信账号", "钉钉账号"];

    /// <summary>Reads the rows; problems are reported per line in <paramref name="errors"/>, never thrown.</summary>
    public static IReadOnlyList<RosterRow> Read(string path, List<string> errors)
    {
        List<List<string>> table;
        try
        {
            table = path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsx(path) : ReadCsv(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or InvalidOperationException or UnauthorizedAccessException)
        {
            errors.Add($"无法读取名册文件：{ex.Message}");
            return [];
        }

        return ToRows(table, errors);
    }

    /// <summary>Turns a header + rows table into roster rows.</summary>
    public static IReadOnlyList<RosterRow> ToRows(List<List<string>> table, List<string> errors)
    {
        if (table.Count == 0)
        {
            errors.Add("名册为空。");
            return [];
        }

        var header = table[0].Select(h => h.Trim()).ToList();
        var index = Columns.ToDictionary(c => c, c => header.IndexOf(c), StringComparer.Ordinal);
        if (index["姓名"] < 0)
        {
            errors.Add("名册缺少“姓名”列。表头应为：" + string.Join("，", Columns));
            return [];
        }

        var rows = new List<RosterRow>();
        for (var i = 1; i < table.Count; i++)
        {
            var cells = table[i];
            string? Cell(string column) => index[column] is var at and >= 0 && at < cells.Count && !string.IsNullOrWhiteSpace(cells[at]) ? cells[at].Trim() : null;
            var name = Cell("姓名");
            if (name is null)
            {
                if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
                {
                    errors.Add($"第{i + 1}行缺少姓名");
                }

                continue;
            }

            var role = NormaliseRole(Cell("角色"));
            if (role is null)
            {
                errors.Add($"第{i + 1}行（{name}）的角色“{Cell("角色")}”无法识别，应为 领导/部门/办公室/管理员");
                continue;
            }

            var level = Cell("河长级别")?.TrimEnd('级');
            if (level is not (null or "区" or "乡" or "村"))
            {
                errors.Add($"第{i + 1}行（{name}）的河长级别“{level}”无法识别，应为 区/乡/村");
                level = null;
            }

            rows.Add(new RosterRow(i + 1, name, Cell("职务"), role, Cell("单位"),
                (Cell("分管单位") ?? "").Split([';', '；', '、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                level, Cell("企业微信账号"), Cell("钉钉账号")));
        }

        return rows;
    }

    /// <summary>领导/部门/办公室/管理员 (or leader/department/office/admin) → role constant; null when unknown. Empty means department.</summary>
    public static string? NormaliseRole(string? role) => role?.Trim() switch
    {
        null or "" => Roles.Department,
        "领导" or "区领导" or "leader" => Roles.Leader,
        "部门" or "联络员" or "部门联络员" or "department" => Roles.Department,
        "办公室" or "督查室" or "office" => Roles.Office,
        "管理员" or "admin" => Roles.Admin,
        _ => null,
    };

    private static List<List<string>> ReadXlsx(string path)
    {
        var table = new List<List<string>>();
        foreach (IDictionary<string, object?> row in MiniExcel.Query(path, useHeaderRow: false))
        {
            table.Add(row.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList());
        }

        return table;
    }

    /// <summary>RFC 4180 CSV: commas, double-quoted fields with "" escapes and embedded newlines.</summary>
    public static List<List<string>> ReadCsv(string text)
    {
        var table = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    table.Add(row);
                    row = [];
                    break;
                case '\uFEFF' when i == 0:
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            table.Add(row);
        }

        return table;
    }
}
