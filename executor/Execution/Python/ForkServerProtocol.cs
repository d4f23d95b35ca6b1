using System.Globalization;
using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Execution.Python;

/// <summary>
/// A request, server → fork server on its stdin, one text line: fork a child that joins the hub
/// under <see cref="Token"/> and waits there for its spec (fork_server.ForkServer reads it).
/// </summary>
public sealed record SpareRequest(string Token)
{
    public string Line => $"spare {Token}\n";
}

/// <summary>
/// A reply, fork server → server on its stdout, one text line of space-separated words, as
/// fork_server.py writes them (its docstring lists the same three).
/// </summary>
public abstract record ForkServerReply
{
    /// <summary>The reply a line says, or null for a line that is none of them.</summary>
    public static ForkServerReply? Parse(string line) => line.Split(' ') switch
    {
        ["ready"] => new ForkServerReady(),
        ["pid", var token, var pid] when Number(pid) is { } number => new ChildForked(token, number),
        ["exit", var token, var status] when Number(status) is { } number => new ChildReaped(token, ExitOf(number)),
        _ => null,
    };

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The fork server reports an exit code, or minus the number of the signal that killed the child.</summary>
    private static ChildExit ExitOf(int status) => status < 0 ? ChildExit.FromSignal(-status) : ChildExit.FromCode(status);
}

/// <summary>"ready": the imports and the warm-up are done; sent once.</summary>
public sealed record ForkServerReady : ForkServerReply;

/// <summary>"pid TOKEN PID": the child for <see cref="Token"/> is forked, right after the fork.</summary>
public sealed record ChildForked(string Token, int Pid) : ForkServerReply;

/// <summary>"exit TOKEN STATUS": the child for <see cref="Token"/> was reaped; the server cannot wait for a grandchild itself.</summary>
public sealed record ChildReaped(string Token, ChildExit Exit) : ForkServerReply;
