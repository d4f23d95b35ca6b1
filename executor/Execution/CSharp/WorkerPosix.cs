using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Execution.CSharp;

/// <summary>
/// The libc calls the C# worker makes on itself that .NET does not expose: its own session and
/// process group, descriptor redirection, resource limits and an exit that runs no user handlers.
/// </summary>
internal static partial class WorkerPosix
{
    private const int O_RDONLY = 0;
    private const int RLIMIT_CPU = 0;
    private const int RLIMIT_FSIZE = 1;
    private const int RLIMIT_CORE = 4;
    private const int RLIMIT_NPROC = 6;
    private const int RLIMIT_NOFILE = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsid();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int dup2(int oldFd, int newFd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int gettid();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void exit_immediately(int status);

    /// <summary>Makes the worker the leader of a new session and process group, so one kill ends all it starts.</summary>
    public static void BecomeGroupLeader() => setsid();

    /// <summary>
    /// Lowers the calling thread's scheduling priority (nice 10; Linux schedules threads one by
    /// one), so warm-up work done on it yields the CPU to the server and to scripts. Only that
    /// thread: nice can be raised but not lowered again without privileges.
    /// </summary>
    public static void LowerThisThreadsPriority()
    {
        const int PRIO_PROCESS = 0;
        setpriority(PRIO_PROCESS, gettid(), 10);
    }

    /// <summary>Points a standard descriptor (0, 1, 2) at another open descriptor.</summary>
    public static void Redirect(int fromFd, int standardFd)
    {
        if (dup2(fromFd, standardFd) < 0)
            throw new IOException($"dup2({fromFd}, {standardFd}) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    public static void StdinFromDevNull()
    {
        var devNull = open("/dev/null", O_RDONLY);
        if (devNull < 0) throw new IOException($"open(/dev/null) failed with errno {Marshal.GetLastPInvokeError()}");
        Redirect(devNull, 0);
        close(devNull);
    }

    public static void LimitCpuSeconds(long seconds) => Limit(RLIMIT_CPU, seconds);
    public static void LimitFileBytes(long bytes) => Limit(RLIMIT_FSIZE, bytes);
    public static void LimitOpenFiles(long count) => Limit(RLIMIT_NOFILE, count);
    public static void LimitProcesses(long count) => Limit(RLIMIT_NPROC, count);
    public static void DisableCoreDumps() => Limit(RLIMIT_CORE, 0);

    /// <summary>Lowers soft and hard limit together (never above the current hard limit); a refusal leaves the others in force.</summary>
    private static void Limit(int resource, long value)
    {
        if (value < 0 || getrlimit(resource, out var current) != 0) return;
        var cap = Math.Min((ulong)value, current.Maximum);
        setrlimit(resource, new RLimit { Current = cap, Maximum = cap });
    }

    /// <summary>Ends the process at once: no ProcessExit handlers a script registered, no finalizers.</summary>
    public static void ExitNow(int status) => exit_immediately(status);
}
