using System.Text.Json.Serialization;

namespace DeepInsight.Executor.Api.Contracts;

/// <summary>
/// The shape of every error answer: an "error" string, plus the few members the contract adds
/// to some of them, which are left out of the others.
/// </summary>
public sealed record ErrorResponse(string Error)
{
    /// <summary>The session, on the refusals of a complete (400) or stopping (503) session.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SessionId { get; init; }

    /// <summary>The execution whose kept answer was dropped (409), so the client knows what ran.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ExecutionNum { get; init; }

    /// <summary>"error" on a failed /file-sync, whose other answers carry "success" or "partial" here.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }
}
