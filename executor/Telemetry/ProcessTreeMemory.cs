namespace DeepInsight.Executor.Telemetry;

/// <summary>
/// The memory of the server and every process under it (fork server, executions, C# compiler
/// and runners), read from /proc when a metric is collected. Each process counts its PSS
/// (shared pages divided among the processes sharing them, so forked children are not counted
/// twice), from smaps_rollup; a process whose smaps_rollup the server may not read (one that
/// made itself non-dumpable, or another uid's, without CAP_SYS_PTRACE) counts its RSS from
/// statm instead, which anyone may read and which overstates what it shares.
/// </summary>
public static class ProcessTreeMemory
{
    private static readonly long PageSize = Environment.SystemPageSize;

    public static long Measure()
    {
        var total = 0L;
        foreach (var pid in Descendants(Environment.ProcessId).Prepend(Environment.ProcessId))
            total += Pss(pid) ?? Rss(pid) ?? 0;
        return total;
    }

    /// <summary>Every process whose chain of parents leads to <paramref name="root"/>, from one pass over /proc.</summary>
    private static List<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || ParentOf(pid) is not { } parent) continue;
            if (!children.TryGetValue(parent, out var siblings)) children[parent] = siblings = [];
            siblings.Add(pid);
        }
        var found = new List<int>();
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            if (!children.TryGetValue(pid, out var below)) continue;
            found.AddRange(below);
            foreach (var child in below) pending.Push(child);
        }
        return found;
    }

    /// <summary>The fourth field of /proc/PID/stat; the command name before it may hold spaces and parentheses, so fields count from the last ')'.</summary>
    private static int? ParentOf(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null) return null;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 3);
        return fields.Length > 1 && int.TryParse(fields[1], out var parent) ? parent : null;
    }

    private static long? Pss(int pid)
    {
        var rollup = Read($"/proc/{pid}/smaps_rollup");
        if (rollup is null) return null;
        foreach (var line in rollup.AsSpan().EnumerateLines())
        {
            // "Pss:               12345 kB"
            if (line.StartsWith("Pss:") && long.TryParse(line[4..].Trim().TrimEnd("kB").Trim(), out var kilobytes))
                return kilobytes * 1024;
        }
        return null;
    }

    /// <summary>The second field of /proc/PID/statm: resident pages.</summary>
    private static long? Rss(int pid)
    {
        var fields = Read($"/proc/{pid}/statm")?.Split(' ');
        return fields is { Length: > 1 } && long.TryParse(fields[1], out var pages) ? pages * PageSize : null;
    }

    /// <summary>The file's text, or null when the process has gone or its file may not be read.</summary>
    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
