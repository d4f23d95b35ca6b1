namespace DeepInsight.Executor.Tests.Infrastructure;

/// <summary>Looks processes up in /proc, to prove that nothing an execution started outlives it.</summary>
public static class ProcessTable
{
    /// <summary>Pids of live (non-zombie) processes whose command line contains <paramref name="marker"/>.</summary>
    public static List<int> WithCommandLineContaining(string marker)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            // A zombie's command line is empty, so only live processes match.
            if (int.TryParse(Path.GetFileName(directory), out var pid) && CommandLineOf(pid).Contains(marker, StringComparison.Ordinal))
                found.Add(pid);
        }
        return found;
    }

    /// <summary>The process's arguments joined by spaces; empty when it is gone or a zombie.</summary>
    public static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    /// <summary>
    /// The pipes <paramref name="pid"/> holds that no other process holds: a pipe to a child that
    /// ended, left open (or one the process keeps to itself, as the .NET runtime does for signals).
    /// </summary>
    public static HashSet<string> PipesHeldOnlyBy(int pid)
    {
        var others = new HashSet<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var other) || other == pid) continue;
            others.UnionWith(Pipes(other));
        }
        return Pipes(pid).Where(pipe => !others.Contains(pipe)).ToHashSet();
    }

    private static IEnumerable<string> Pipes(int pid)
    {
        try
        {
            return Directory.GetFiles($"/proc/{pid}/fd")
                .Select(fd => new FileInfo(fd).LinkTarget)
                .OfType<string>()
                .Where(target => target.StartsWith("pipe:", StringComparison.Ordinal))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Waits (boundedly) until no process carries the marker: a SIGKILLed process takes a moment
    /// to disappear, and the check is about leftovers, not about speed.
    /// </summary>
    public static async Task AssertNoneRemainAsync(string marker)
    {
        var remaining = WithCommandLineContaining(marker);
        for (var attempt = 0; attempt < 100 && remaining.Count > 0; attempt++)
        {
            await Task.Delay(50);
            remaining = WithCommandLineContaining(marker);
        }
        Assert.True(remaining.Count == 0, $"Processes with '{marker}' still running: {string.Join(", ", remaining)}");
    }
}
