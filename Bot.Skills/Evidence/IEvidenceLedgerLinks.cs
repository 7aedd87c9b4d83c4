namespace Bot.Skills.Evidence;

/// <summary>Signed links to the evidence of reports, for the ledger's 佐证材料 column (implemented by the host).</summary>
public interface IEvidenceLedgerLinks
{
    /// <summary>For each report id with evidence, one link per photo or file.</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> ForReportsAsync(IReadOnlyCollection<long> reportIds, CancellationToken cancellationToken = default);
}
