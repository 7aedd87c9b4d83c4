using System.Security.Cryptography;
using System.Text;
using Bot.Data.Plans;
using Bot.Data.Units;
using Bot.Skills.Plans.Import;

namespace Bot.Skills.Plans;

/// <summary>
/// Reads an implementation-plan document (实施方案) into a <see cref="Plan"/> graph. Pure and deterministic: no I/O, no
/// clock, never throws. Understands
/// <list type="bullet">
/// <item>headings 一、/（一）/1./（1）; an action is a heading with sub-sections 时间安排/具体要求/责任人及责任部门 (or a
/// heading "…行动（period）"); title and period come from the heading, quotes kept as written;</item>
/// <item>milestones from every 时间安排 item, targets and duties from 具体要求, responsibilities from 责任人及责任部门;</item>
/// <item>task-split documents: items with 牵头单位：/责任单位：/完成时限： fields, 〔X牵头，Y参与，Z负责落实〕 notes, and
/// tables flattened to text (cells split by | or tabs) — each task becomes an action with one milestone;</item>
/// <item>plan-wide duties from general sections (每季度向区政府党组报告一次, 每月跟进、季度督查 …).</item>
/// </list>
/// Narrative lines (principles, guiding ideas) count as background; everything else not understood is listed in
/// <see cref="PlanImportResult.Unparsed"/>, and <see cref="PlanImportResult.Lines"/> says what each line became.
/// The work is a pipeline of stages in <c>Plans/Import</c>: <see cref="SectionReader"/> → <see cref="MilestoneReader"/>
/// → <see cref="TargetReader"/> → <see cref="DutyReader"/> → <see cref="ResponsibilityAssigner"/>, driven line by line
/// by <see cref="ImportSession"/> (tables by <see cref="TableReader"/>).
/// </summary>
public sealed class PlanImporter
{
    /// <summary>Characters read from a document; the rest is reported in <see cref="PlanImportResult.Unparsed"/>.</summary>
    public const int MaxChars = 2_000_000;

    public const string UntitledPlan = "未命名方案";

    /// <summary>
    /// Parses <paramref name="text"/> for the calendar year <paramref name="year"/> (dates land in that year). With a
    /// <paramref name="roster"/>, the collectives 各乡镇, 各街道 and 各部门 expand to the roster's units of that type too.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "An injectable service.")]
    public PlanImportResult Parse(string? text, int year, IReadOnlyCollection<Unit>? roster = null)
    {
        var normalized = Normalize(text ?? "");
        var plan = new Plan
        {
            Title = UntitledPlan,
            Year = Math.Clamp(year, 1, 9998),
            Document = normalized,
            ContentHash = HashOf(normalized),
        };
        var result = new PlanImportResult(plan);
        try
        {
            new ImportSession(result, normalized, roster).Run();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Defensive: a bug in one rule must not lose the document; report it as not understood.
            result.Unparsed.Add($"（解析中断 / parser stopped: {ex.GetType().Name}）");
        }

        return result;
    }

    /// <summary>The document as stored: no BOM or NUL, \n line ends, lone surrogates replaced.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\uFEFF' or '\0')
            {
                continue;
            }

            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        }

        return builder.ToString();
    }

    /// <summary>SHA-256 (hex) over the non-empty trimmed lines, so whitespace-only edits are the same document.</summary>
    public static string HashOf(string normalized)
    {
        var canonical = string.Join('\n', normalized.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

}
