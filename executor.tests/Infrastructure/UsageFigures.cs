using System.Text.Json;

namespace DeepInsight.Executor.Tests.Infrastructure;

/// <summary>The "usage" member of an /execute answer, read strictly: each figure present, a whole number, never negative.</summary>
public readonly record struct UsageFigures(long WallMs, long CpuMs, long MaxRssKb)
{
    public static UsageFigures Of(JsonElement answer)
    {
        var usage = answer.GetProperty("usage");
        var figures = new UsageFigures(usage.GetProperty("wall_ms").GetInt64(), usage.GetProperty("cpu_ms").GetInt64(),
            usage.GetProperty("max_rss_kb").GetInt64());
        Assert.True(figures.WallMs >= 0 && figures.CpuMs >= 0 && figures.MaxRssKb >= 0, $"negative usage: {usage}");
        Assert.Equal(answer.GetProperty("execution_time_ms").GetInt64(), figures.WallMs);
        return figures;
    }
}
