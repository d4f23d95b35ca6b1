using DeepInsight.Executor.Rendering.Charts;

namespace DeepInsight.Executor.Api.Contracts;

/// <summary>POST /render/chart: the chart spec, plus the format and the output path under artifacts/.</summary>
public sealed record ChartRequest : ChartSpec
{
    public string? Format { get; init; }
    public string? Output { get; init; }
}

public sealed record ChartResponse(string Path, string Format, long Bytes, int Width, int Height, long ElapsedMs);

/// <summary>POST /render/report: Markdown to a PDF under artifacts/.</summary>
public sealed record ReportRequest
{
    public string? Title { get; init; }
    public string? Markdown { get; init; }
    public string? Output { get; init; }
}

public sealed record ReportResponse(string Path, long Bytes, int Pages, long ElapsedMs);
