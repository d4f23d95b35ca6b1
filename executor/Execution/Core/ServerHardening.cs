using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// Protections the server applies to itself against the children that run as the same user.
/// </summary>
public static partial class ServerHardening
{
    private const int PR_SET_DUMPABLE = 4;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    /// <summary>
    /// Makes the server non-dumpable: its /proc entries (environ with the task's credentials
    /// variables, memory, descriptors) become root-only, so submitted code running as the same
    /// unprivileged user cannot read them. Children regain the ordinary setting on exec.
    /// </summary>
    public static void HideProcessFromSameUser()
    {
        // A server that stayed dumpable would hand its credentials to every execution: refuse to run.
        if (OperatingSystem.IsLinux() && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
            throw new InvalidOperationException($"prctl(PR_SET_DUMPABLE, 0) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>
    /// True when a tracer attached before <see cref="HideProcessFromSameUser"/> (which stops new
    /// ones, not one already attached): a helper process restarted while scripts run could be
    /// seized by one of them in that window, and must then not go on.
    /// </summary>
    public static bool IsTraced()
    {
        if (!OperatingSystem.IsLinux()) return false;
        var tracer = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("TracerPid:", StringComparison.Ordinal));
        return tracer is not null && tracer["TracerPid:".Length..].Trim() != "0";
    }
}
