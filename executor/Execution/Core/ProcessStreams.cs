using System.Diagnostics;

namespace DeepInsight.Executor.Execution.Core;

public static class ProcessStreams
{
    /// <summary>
    /// Disposes a process whose stdout and stderr were redirected and read. Process.Dispose closes
    /// only the redirected streams nobody read; the others kept their pipes open until a GC
    /// happened to finalize them: two server descriptors per child piling up between collections
    /// (what bench/soak-bench.sh found, one C# runner worker per script). Call it once the
    /// streams' readers are done.
    /// </summary>
    public static void DisposeWithStreams(this Process process)
    {
        process.StandardOutput.Dispose();
        process.StandardError.Dispose();
        process.Dispose();
    }
}
