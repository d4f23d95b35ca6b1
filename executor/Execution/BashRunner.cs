using System.Text.Json.Nodes;
using DeepInsight.Executor.Hosting;
using DeepInsight.Executor.Sandbox;

namespace DeepInsight.Executor.Execution;

/// <summary>A bash command in a supervised child; a non-zero exit is the contract's BashError.</summary>
public sealed class BashRunner : ICodeRunner
{
    private readonly SandboxSupervisor _supervisor;
    private readonly SandboxJobFactory _jobs;
    private readonly TimeSpan _timeout;

    public BashRunner(SandboxSupervisor supervisor, SandboxJobFactory jobs, ExecutorOptions options)
    {
        _supervisor = supervisor;
        _jobs = jobs;
        _timeout = options.BashTimeout;
    }

    public CodeLanguage Language => CodeLanguage.Bash;

    public async Task<ExecutionOutcome> RunAsync(string source, RunContext context, CancellationToken cancellationToken)
    {
        var run = await _supervisor.RunAsync(_jobs.Create("bash", source, context, _timeout), cancellationToken);
        return SandboxOutcomes.From(run, "Bash command", _timeout, ErrorFromResult);
    }

    private static JsonObject? ErrorFromResult(JsonObject result)
    {
        if (result["status"]?.GetValue<string>() != ExecutionOutcome.Failed) return null;
        var code = result["return_code"]?.GetValue<int>() ?? -1;
        return SandboxOutcomes.Error("BashError", $"Command failed with return code {code}", ("return_code", code));
    }
}
