using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Execution.CSharp;

/// <summary>
/// The libc calls the C# processes make on themselves that .NET does not expose: their own session and
/// process group, subreaping and sweeping descendants, descriptor redirection, resource limits, resource
/// usage and an exit that runs no user handlers.
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

    private const int RUSAGE_SELF = 0;
    private const int RUSAGE_CHILDREN = -1;

    /// <summary>struct rusage on 64-bit Linux: two timevals, then 14 longs of which only ru_maxrss (KiB) is read; Size covers the rest.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRssKb;
    }

    private const int PR_SET_CHILD_SUBREAPER = 36;
    private const int SIGKILL = 9;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsid();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int waitpid(int pid, out int status, int options);

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

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, out RUsage usage);

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void exit_immediately(int status);

    /// <summary>Makes the worker the leader of a new session and process group, so one kill ends all it starts.</summary>
    public static void BecomeGroupLeader()
    {
        // Outside its own group the process would escape the group kill that ends an execution.
        if (setsid() < 0) throw new IOException($"setsid() failed with errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>
    /// Makes orphaned descendants (a script's `setsid` daemons included, which leave the group)
    /// children of this process, so <see cref="KillDescendants"/> reaches them.
    /// </summary>
    public static void BecomeSubreaper()
    {
        if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
            throw new IOException($"prctl(PR_SET_CHILD_SUBREAPER) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>
    /// Kills whatever the script left running, as sandbox_child.py does for Python and bash: as a
    /// subreaper this process inherits every orphaned descendant, so killing its children until
    /// none is left reaches the whole tree. Bounded in rounds, like the Python side.
    /// </summary>
    public static void KillDescendants()
    {
        for (var round = 0; round < 50; round++)
        {
            var children = ChildrenOfThisProcess();
            if (children.Count == 0) return;
            // Failures mean the child has ended meanwhile: nothing left to do for it.
            foreach (var pid in children) _ = kill(pid, SIGKILL);
            foreach (var pid in children) _ = waitpid(pid, out _, 0);
        }
    }

    /// <summary>Live children, from the per-thread lists /proc keeps.</summary>
    private static List<int> ChildrenOfThisProcess()
    {
        var children = new List<int>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var pid in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    children.Add(int.Parse(pid));
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return children;
    }

    /// <summary>
    /// Lowers the calling thread's scheduling priority (nice 10; Linux schedules threads one by
    /// one), so warm-up work done on it yields the CPU to the server and to scripts. Only that
    /// thread: nice can be raised but not lowered again without privileges.
    /// </summary>
    public static void LowerThisThreadsPriority()
    {
        const int PRIO_PROCESS = 0;
        // Best effort: a refusal leaves the thread at the normal priority, which is only slower.
        _ = setpriority(PRIO_PROCESS, gettid(), 10);
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
        // The descriptor is a duplicate now; a failed close of it loses nothing.
        _ = close(devNull);
    }

    public static void LimitCpuSeconds(long seconds) => Limit(RLIMIT_CPU, seconds);
    public static void LimitFileBytes(long bytes) => Limit(RLIMIT_FSIZE, bytes);
    public static void LimitOpenFiles(long count) => Limit(RLIMIT_NOFILE, count);
    public static void LimitProcesses(long count) => Limit(RLIMIT_NPROC, count);
    public static void DisableCoreDumps() => Limit(RLIMIT_CORE, 0);

    /// <summary>
    /// Lowers soft and hard limit together (never above the current hard limit). Lowering a limit
    /// cannot be refused, so a failure means the process is not what it should be: it stops
    /// rather than run a script unbounded.
    /// </summary>
    private static void Limit(int resource, long value)
    {
        if (value < 0) return;
        if (getrlimit(resource, out var current) != 0)
            throw new IOException($"getrlimit({resource}) failed with errno {Marshal.GetLastPInvokeError()}");
        var cap = Math.Min((ulong)value, current.Maximum);
        if (setrlimit(resource, new RLimit { Current = cap, Maximum = cap }) != 0)
            throw new IOException($"setrlimit({resource}, {cap}) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>
    /// CPU time (user + system) and peak resident set (KiB) of this process and of every
    /// descendant it has waited for: after <see cref="KillDescendants"/>, the whole tree.
    /// </summary>
    public static (TimeSpan Cpu, long PeakRssKb) TreeUsage()
    {
        var own = Usage(RUSAGE_SELF);
        var reaped = Usage(RUSAGE_CHILDREN);
        return (CpuOf(own) + CpuOf(reaped), Math.Max(own.MaxRssKb, reaped.MaxRssKb));
    }

    private static RUsage Usage(int who) =>
        getrusage(who, out var usage) == 0 ? usage : throw new IOException($"getrusage({who}) failed with errno {Marshal.GetLastPInvokeError()}");

    private static TimeSpan CpuOf(RUsage usage) =>
        TimeSpan.FromSeconds(usage.UserSeconds + usage.SystemSeconds) + TimeSpan.FromMicroseconds(usage.UserMicroseconds + usage.SystemMicroseconds);

    /// <summary>Ends the process at once: no ProcessExit handlers a script registered, no finalizers.</summary>
    public static void ExitNow(int status) => exit_immediately(status);
}
