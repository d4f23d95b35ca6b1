namespace DeepInsight.Executor.Api.Contracts;

/// <summary>GET /artifacts: every file under artifacts/, paths relative to it.</summary>
public sealed record ArtifactListResponse(string SessionId, IReadOnlyList<ArtifactEntry> Files, long TotalBytes);

public sealed record ArtifactEntry(string Path, long Size, DateTimeOffset Modified, string ContentType);
