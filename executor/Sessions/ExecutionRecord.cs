using System.Text.Json.Serialization;
using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// One execution as written to execution_&lt;n&gt;.json and uploaded under debug/. <see cref="Usage"/>
/// is null in a marker, in a ServerRestarted record (its child was lost with the server) and in
/// records written before it existed, which still load.
/// </summary>
public sealed record ExecutionRecord(
    [property: JsonPropertyName("execution_num")] int ExecutionNum,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("code_type")] string CodeType,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("stdout")] string Stdout,
    [property: JsonPropertyName("stderr")] string Stderr,
    [property: JsonPropertyName("error")] ExecutionError? Error,
    [property: JsonPropertyName("duration_ms")] long DurationMs,
    [property: JsonPropertyName("container_ip")] string ContainerIp,
    [property: JsonPropertyName("usage")] ExecutionUsage? Usage = null)
{
    private const int CodePreviewChars = 200;

    /// <summary>The status of an execution's marker while it is queued or runs (never of a record: see SessionJournal).</summary>
    public const string Running = "running";

    /// <summary>The contract keeps only the first 200 characters of the code in the record.</summary>
    public static string CodePreview(string code) =>
        code.Length <= CodePreviewChars ? code : code[..CodePreviewChars] + "...";
}
