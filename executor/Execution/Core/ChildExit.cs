namespace DeepInsight.Executor.Execution.Core;

/// <summary>How a child process ended: an exit code, or the signal that killed it.</summary>
public readonly record struct ChildExit(int? ExitCode, int? Signal)
{
    public static ChildExit FromCode(int code) => new(code, null);
    public static ChildExit FromSignal(int signal) => new(null, signal);
    public static readonly ChildExit Unknown = new(null, null);

    /// <summary>.NET reports a child killed by signal N as exit code 128 + N.</summary>
    public static ChildExit FromDotNetExitCode(int code) =>
        code > 128 && code < 128 + 65 ? FromSignal(code - 128) : FromCode(code);
}
