namespace DeepInsight.Executor.Tests.Infrastructure;

/// <summary>Paths of the repository and of ../shared beside it, found from the test binary upwards.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    /// <summary>shared/data beside the repository, or beside a folder above it (a git worktree sits deeper).</summary>
    public static string SharedData { get; } = FindSharedData();

    public static string MoonMarketCsv => Path.Combine(SharedData, "moon_market", "moon-market-fresh-food-sales.csv");

    private static string FindSharedData()
    {
        for (var directory = Directory.GetParent(Root); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        return Path.Combine(Root, "..", "shared", "data");
    }

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DeepInsight.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("DeepInsight.sln not found above the test binaries");
    }
}
