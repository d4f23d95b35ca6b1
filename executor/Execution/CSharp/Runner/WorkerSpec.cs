using System.Text.Json.Nodes;

namespace DeepInsight.Executor.Execution.CSharp.Runner;

/// <summary>
/// The part of the supervisor's job spec the C# worker uses (the same JSON sandbox_child.py
/// reads), plus the script as the compiler process emitted it.
/// </summary>
internal sealed record WorkerSpec(string Code, string WorkingDirectory, string Workspace,
    IReadOnlyDictionary<string, string> Environment, JsonObject Limits, JsonObject? Compiled)
{
    public static WorkerSpec From(JsonObject spec) => new(
        spec["code"]?.GetValue<string>() ?? "",
        spec["cwd"]?.GetValue<string>() ?? System.Environment.CurrentDirectory,
        spec["workspace"]?.GetValue<string>() ?? "",
        (spec["env"] as JsonObject ?? new JsonObject()).ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? ""),
        spec["limits"] as JsonObject ?? new JsonObject(),
        spec["compiled"] as JsonObject);

    public long Limit(string name) => Limits[name]?.GetValue<long>() ?? -1;
}
