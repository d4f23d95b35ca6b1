using System.Text.Json.Nodes;
using DeepInsight.Executor.Hosting;
using DeepInsight.Executor.Sandbox;

namespace DeepInsight.Executor.Execution;

/// <summary>Python in a supervised child; errors carry the line in the submitted code and key_info hints.</summary>
public sealed class PythonRunner : ICodeRunner
{
    private readonly SandboxSupervisor _supervisor;
    private readonly SandboxJobFactory _jobs;
    private readonly TimeSpan _timeout;

    public PythonRunner(SandboxSupervisor supervisor, SandboxJobFactory jobs, ExecutorOptions options)
    {
        _supervisor = supervisor;
        _jobs = jobs;
        _timeout = options.PythonTimeout;
    }

    public CodeLanguage Language => CodeLanguage.Python;

    public async Task<ExecutionOutcome> RunAsync(string source, RunContext context, CancellationToken cancellationToken)
    {
        var run = await _supervisor.RunAsync(_jobs.Create("python", source, context, _timeout), cancellationToken);
        return SandboxOutcomes.From(run, "Python execution", _timeout, ErrorFromResult);
    }

    private static JsonObject? ErrorFromResult(JsonObject result)
    {
        if (result["status"]?.GetValue<string>() != ExecutionOutcome.Failed) return null;
        var reported = result["error"] as JsonObject ?? new JsonObject();
        var type = reported["type"]?.GetValue<string>() ?? "Error";
        var message = reported["message"]?.GetValue<string>() ?? "";
        return new JsonObject
        {
            ["type"] = type,
            ["message"] = TextLimits.Cut(message),
            ["line"] = reported["line"]?.GetValue<int?>(),
            ["key_info"] = PythonErrorHints.For(type, message,
                reported["missing_module"]?.GetValue<string>(), reported["undefined_variable"]?.GetValue<string>()),
            ["traceback"] = TextLimits.Cut(reported["traceback"]?.GetValue<string>() ?? ""),
        };
    }
}
