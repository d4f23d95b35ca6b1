using System.Text.Json.Nodes;
using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Execution.Bash;

/// <summary>A bash command in a supervised child; a non-zero exit is the contract's BashError.</summary>
public sealed class BashRunner(SandboxSupervisor supervisor, SandboxJobFactory jobs, BashOptions options)
    : SandboxedCodeRunner(supervisor, jobs, "bash", "Bash command", options.Timeout)
{
    public override CodeLanguage Language => CodeLanguage.Bash;

    protected override JsonObject ErrorFromFailure(JsonObject result)
    {
        var code = result["return_code"]?.GetValue<int>() ?? -1;
        return SandboxOutcomes.Error("BashError", $"Command failed with return code {code}", ("return_code", code));
    }
}
