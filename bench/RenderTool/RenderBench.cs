using System.Diagnostics;
using DeepInsight.Executor.Rendering.Charts;
using DeepInsight.Executor.Rendering.Reports;

namespace DeepInsight.RenderTool;

/// <summary>Warm timings of the two reference jobs: a 14-category Korean bar chart and an 8-page report.</summary>
public static class RenderBench
{
    private const int WarmupRuns = 5;
    private const int MeasuredRuns = 30;
    private const int ReportPages = 8;

    public static void Run(IReadOnlyList<Sale> sales)
    {
        var directory = Directory.CreateTempSubdirectory("render-bench-").FullName;
        try
        {
            var bar = ChartSpecValidator.Validate(SampleCharts.BarOfCategories(sales) with { Width = 1200, Height = 800 });
            var barPath = Path.Combine(directory, "bar.png");
            Report($"bar chart 1200x800, {bar.Categories.Count} Korean categories, PNG", Time(() => ChartRenderer.Render(bar, ChartFormat.Png, barPath)));

            var charts = SampleCharts.All(sales).Where(c => c.Name is "bar" or "line" or "heatmap").ToArray();
            foreach (var (name, spec) in charts)
                ChartRenderer.Render(ChartSpecValidator.Validate(spec), ChartFormat.Png, Path.Combine(directory, name + ".png"));
            var markdown = MarkdownOfPages(sales, charts.Select(c => c.Name + ".png").ToArray(), directory);
            var reportPath = Path.Combine(directory, "report.pdf");
            string Resolve(string name) => Path.Combine(directory, name);
            var pages = ReportRenderer.Render(SampleReport.Title, markdown, reportPath, Resolve).Pages;
            Report($"report, {pages} A4 pages, 3 chart images, 15-row table, PDF", Time(() => ReportRenderer.Render(SampleReport.Title, markdown, reportPath, Resolve)));
            // Charts redrawn between reports: a new modification time makes the image cache decode and scale them again.
            var chartPaths = charts.Select(c => Resolve(c.Name + ".png")).ToArray();
            Report("  the same with the charts rewritten before each run", Time(() =>
            {
                foreach (var chart in chartPaths) File.SetLastWriteTimeUtc(chart, DateTime.UtcNow);
                return ReportRenderer.Render(SampleReport.Title, markdown, reportPath, Resolve);
            }));
            var probePath = Path.Combine(directory, "skia-probe.pdf");
            var probePages = ReportEngineProbe.Render(SampleReport.Title, markdown, probePath, Resolve);
            Report($"  the same Markdown through the Skia + HarfBuzz lower bound ({probePages} pages; docs/rendering.md)",
                Time(() => ReportEngineProbe.Render(SampleReport.Title, markdown, probePath, Resolve)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The sample report with as many appendix sections as it takes to fill <see cref="ReportPages"/> pages.</summary>
    private static string MarkdownOfPages(IReadOnlyList<Sale> sales, string[] charts, string directory)
    {
        var probe = Path.Combine(directory, "probe.pdf");
        for (var sections = 1; ; sections++)
        {
            var markdown = SampleReport.Markdown(sales, charts, sections);
            if (ReportRenderer.Render(SampleReport.Title, markdown, probe, n => Path.Combine(directory, n)).Pages >= ReportPages) return markdown;
        }
    }

    private static double[] Time(Func<object> render)
    {
        for (var i = 0; i < WarmupRuns; i++) render();
        var samples = new double[MeasuredRuns];
        for (var i = 0; i < MeasuredRuns; i++)
        {
            var started = Stopwatch.GetTimestamp();
            render();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples;
    }

    private static void Report(string what, double[] sorted) =>
        Console.WriteLine($"{what}: median {sorted[sorted.Length / 2]:F1} ms, min {sorted[0]:F1} ms, p90 {sorted[(int)(sorted.Length * 0.9)]:F1} ms ({sorted.Length} warm runs)");
}
