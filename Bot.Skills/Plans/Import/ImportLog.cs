namespace Bot.Skills.Plans.Import;

/// <summary>
/// Where the stages report what a line became. Every non-empty line gets one <see cref="LineUse"/>; a line no stage
/// claimed is listed as not understood, so nothing is dropped silently.
/// </summary>
internal sealed class ImportLog(PlanImportResult result)
{
    private LineUse? _use;

    public PlanImportResult Result { get; } = result;

    /// <summary>Starts the account of a line.</summary>
    public void Begin() => _use = null;

    /// <summary>Records what the current line became (the first claim wins, except that not understood wins always).</summary>
    public void Mark(LineUse use)
    {
        if (use == LineUse.Unparsed || _use is null)
        {
            _use = use;
        }
    }

    /// <summary>Closes the account of a line: an unclaimed line is reported as not understood.</summary>
    public void End(int index, string text)
    {
        if (_use is null)
        {
            Unparsed(text);
        }

        Result.Lines.Add(new ImportedLine(index + 1, text, _use!.Value));
    }

    /// <summary>Lists a line (or the part of it) that was not understood; the same text twice in a row is listed once.</summary>
    public void Unparsed(string line)
    {
        _use = LineUse.Unparsed;
        var clean = new string(line.Select(c => char.IsControl(c) && c != '\t' ? ' ' : c).ToArray()).Trim();
        var unparsed = Result.Unparsed;
        if (clean.Length > 0 && (unparsed.Count == 0 || !string.Equals(unparsed[^1], clean, StringComparison.Ordinal)))
        {
            unparsed.Add(clean);
        }
    }
}
