using System.Diagnostics;
using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Execution.CSharp.Host;

/// <summary>
/// A C# script: compiled by the compiler process (hot Roslyn, runs no code), then loaded and run
/// in a fresh warm runner worker under the same supervision as Python and bash. Compile errors
/// need no worker at all. The worker reports runtime errors with script lines; a stack
/// overflow cannot be caught in .NET, so it is recognised here from the runtime's last words.
/// </summary>
/// <param name="supervisor">A supervisor whose launcher hands out warm C# workers.</param>
public sealed class CSharpRunner(CSharpCompiler compiler, SandboxSupervisor supervisor, SandboxJobFactory jobs, CSharpOptions options)
    : ICodeRunner
{
    private const string StackOverflowBanner = "Stack overflow.";
    private static readonly ExecutionError StackOverflowError = ExecutionError.InCode("StackOverflowException",
        "The script overflowed the stack (unbounded or too deep recursion); the runtime's trace is in stderr");

    public CodeLanguage Language => CodeLanguage.CSharp;

    public async Task<ExecutionOutcome> RunAsync(string source, RunContext context, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var answer = await compiler.CompileAsync(source, cancellationToken);
        if (answer.Error is { } compileError)
            return new ExecutionOutcome(ExecutionOutcome.Failed, "", "", compileError, clock.Elapsed);

        var job = jobs.Create(CodeLanguage.CSharp, source, context, options.Timeout);
        // The script's SessionId global; children otherwise only know the session by its workspace path.
        job = job with
        {
            Environment = new Dictionary<string, string>(job.Environment) { ["SESSION_ID"] = context.SessionId },
            Compiled = answer.Script,
        };
        var run = await supervisor.RunAsync(job, cancellationToken);
        var outcome = SandboxOutcomes.From(run, "C# script", options.Timeout, failed => failed.Error ?? SandboxOutcomes.FailureWithoutDetails)
            with { Duration = clock.Elapsed };
        return IsStackOverflow(run) ? outcome with { Error = StackOverflowError } : outcome;
    }

    private static bool IsStackOverflow(SandboxRun run) =>
        run.Result is null && run.Exit.Signal == PosixSignals.SIGABRT && run.Stderr.Contains(StackOverflowBanner, StringComparison.Ordinal);
}
