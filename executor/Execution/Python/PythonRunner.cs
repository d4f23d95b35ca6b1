using System.Text.Json.Nodes;
using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Execution.Python;

/// <summary>Python in a supervised child; errors carry the line in the submitted code and key_info hints.</summary>
public sealed class PythonRunner(SandboxSupervisor supervisor, SandboxJobFactory jobs, PythonOptions options)
    : SandboxedCodeRunner(supervisor, jobs, "python", "Python execution", options.Timeout)
{
    public override CodeLanguage Language => CodeLanguage.Python;

    protected override JsonObject ErrorFromFailure(JsonObject result)
    {
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
