namespace Bot.Tests.Support;

/// <summary>Finds files of the repository (seeds, scripts) from the test binaries.</summary>
public static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "TieXiBot.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("TieXiBot.sln not found above the test binaries.");
        }
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
