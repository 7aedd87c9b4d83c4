namespace Bot.Tests.Support;

/// <summary>Files of the repository itself (the seed plan, test data), found by walking up from the test binaries.</summary>
public static class RepositoryFiles
{
    public const string SeedPlan = "seeds/tiexi-2018-action-plan.txt";

    /// <summary>The repository root: the nearest folder above the binaries holding <c>TieXiBot.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the repository root from its parts, e.g. <c>Path("seeds", "roster.csv")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    public static string ReadSeed() => File.ReadAllText(PathOf(SeedPlan));

    /// <summary>A file under <c>Bot.Tests/TestData</c>, as copied next to the test binaries.</summary>
    public static string ReadTestData(string relative) => File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TieXiBot.sln")) && File.Exists(System.IO.Path.Combine(dir.FullName, SeedPlan)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root with {SeedPlan} above {AppContext.BaseDirectory}.");
    }
}
