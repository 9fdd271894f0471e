namespace RagPlatform.Tests.Infrastructure;

/// <summary>Files of the repository the tests check (README, docs), found by walking up from bin/ to RagPlatform.sln.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RagPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No RagPlatform.sln above {AppContext.BaseDirectory}.");
    }
}
