using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>The few libc calls the supervisor needs that .NET does not expose.</summary>
internal static partial class PosixSignals
{
    public const int SIGABRT = 6;
    public const int SIGKILL = 9;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    /// <summary>Kills a whole process group, and the leader alone in case it has not yet made its group.</summary>
    public static void KillGroup(int leaderPid)
    {
        if (leaderPid <= 1) return;
        kill(-leaderPid, SIGKILL);
        kill(leaderPid, SIGKILL);
    }

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsRunning(int pid) => State(pid) is { } state && state != 'Z' && state != 'X';

    /// <summary>True when the process is stopped (SIGSTOP) or traced: alive but unable to answer.</summary>
    public static bool IsStopped(int pid) => State(pid) is 'T' or 't';

    /// <summary>The state letter of /proc/PID/stat (R, S, D, Z, T...), or null when there is no such process.</summary>
    private static char? State(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..];
            return state.Length > 0 ? state[0] : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static readonly string[] Names =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
        "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
        "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ];

    public static string Name(int signal) =>
        signal > 0 && signal < Names.Length ? Names[signal] : $"SIG{signal}";
}
