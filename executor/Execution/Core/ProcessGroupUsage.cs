using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// The server's own measure of a child's process tree, from /proc, for a child that sent no
/// usage of its own (it timed out, was stopped or crashed, or the code wrote the result line):
/// read just before the group kill. Each live member of the child's process group counts its own
/// CPU time and that of the descendants it has reaped (utime + stime + cutime + cstime of
/// /proc/PID/stat); the peak resident set is the largest VmHWM among them. Not seen: processes
/// that left the group (setsid daemons), descendants that ended before their parent reaped them,
/// and a child that is already gone (then both figures are 0).
/// </summary>
internal static partial class ProcessGroupUsage
{
    private const int SysconfClockTicks = 2; // _SC_CLK_TCK

    [LibraryImport("libc")]
    private static partial long sysconf(int name);

    /// <summary>The unit of /proc's CPU times; 100 on every Linux the executor runs on, asked anyway.</summary>
    private static readonly long TicksPerSecond = sysconf(SysconfClockTicks) is > 0 and var ticks ? ticks : 100;

    /// <summary>
    /// The CPU time the leader has used so far, in ms: taken once it is launched, so that the
    /// start-up of a spare or a warm worker is not counted as the code's.
    /// </summary>
    public static long CpuMsOf(int pid) => Stat(pid)?.CpuMs ?? 0;

    /// <summary>What the group of <paramref name="groupId"/> has used, less the leader's <paramref name="cpuMsBefore"/>.</summary>
    public static ChildUsage Read(int groupId, long cpuMsBefore)
    {
        long cpuMs = 0, maxRssKb = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || Stat(pid) is not { } stat || stat.GroupId != groupId) continue;
            cpuMs += stat.CpuMs;
            maxRssKb = Math.Max(maxRssKb, PeakRssKb(pid));
        }
        return new ChildUsage(Math.Max(0, cpuMs - cpuMsBefore), maxRssKb);
    }

    private readonly record struct ProcessStat(int GroupId, long CpuMs);

    /// <summary>Fields 5 (pgrp) and 14–17 (utime, stime, cutime, cstime) of /proc/PID/stat, counted after the command name's closing parenthesis.</summary>
    private static ProcessStat? Stat(int pid)
    {
        if (ReadProcFile(pid, "stat") is not { } stat) return null;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 15) return null;
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
        return new ProcessStat(int.Parse(fields[2]), ticks * 1000 / TicksPerSecond);
    }

    /// <summary>VmHWM of /proc/PID/status in KiB; 0 for a zombie, which has no memory left to report.</summary>
    private static long PeakRssKb(int pid)
    {
        const string Key = "VmHWM:";
        var line = ReadProcFile(pid, "status")?.Split('\n').FirstOrDefault(l => l.StartsWith(Key, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[Key.Length..].Trim().Split(' ')[0]);
    }

    /// <summary>The file's text, or null once the process is gone.</summary>
    private static string? ReadProcFile(int pid, string name)
    {
        try { return File.ReadAllText($"/proc/{pid}/{name}"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
