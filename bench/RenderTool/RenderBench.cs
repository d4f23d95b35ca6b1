using System.Diagnostics;
using System.Text.Json;
using DeepInsight.Executor.Rendering.Charts;
using DeepInsight.Executor.Rendering.Reports;

namespace DeepInsight.RenderTool;

/// <summary>
/// Warm timings of the two reference jobs: a 14-category Korean bar chart and an 8-page report.
/// The inputs and the medians are left in a directory, where bench/render_reference.py times
/// the same jobs in matplotlib and WeasyPrint.
/// </summary>
public static class RenderBench
{
    private const int WarmupRuns = 5;
    private const int MeasuredRuns = 30;
    private const int ReportPages = 8;

    public static void Run(IReadOnlyList<Sale> sales, string directory)
    {
        var barSpec = SampleCharts.BarOfCategories(sales) with { Width = 1200, Height = 800 };
        var bar = ChartSpecValidator.Validate(barSpec);
        var barPath = Path.Combine(directory, "bar.png");
        var chart = Time(() => ChartRenderer.Render(bar, ChartFormat.Png, barPath));
        Report($"bar chart 1200x800, {bar.Categories.Count} Korean categories, PNG", chart);

        var charts = SampleCharts.All(sales).Where(c => c.Name is "bar" or "line" or "heatmap").ToArray();
        foreach (var (name, spec) in charts)
            foreach (var format in new[] { ChartFormat.Svg, ChartFormat.Png })
                ChartRenderer.Render(ChartSpecValidator.Validate(spec), format, Path.Combine(directory, $"{name}.{format.Name()}"));
        string Resolve(string name) => Path.Combine(directory, name);
        var reportPath = Path.Combine(directory, "report.pdf");
        var (markdown, sections) = MarkdownOfPages(sales, charts.Select(c => c.Name + ".svg").ToArray(), Resolve);
        var pages = ReportRenderer.Render(SampleReport.Title, markdown, reportPath, Resolve).Pages;
        var report = Time(() => ReportRenderer.Render(SampleReport.Title, markdown, reportPath, Resolve));
        Report($"report, {pages} A4 pages, 3 charts as SVG (vectors), 15-row table, PDF", report);

        var withPngs = SampleReport.Markdown(sales, charts.Select(c => c.Name + ".png").ToArray(), sections);
        Report("  the same with the charts as PNG (decoded once, kept in the image cache)",
            Time(() => ReportRenderer.Render(SampleReport.Title, withPngs, reportPath, Resolve)));
        var probePath = Path.Combine(directory, "skia-probe.pdf");
        var probePages = ReportEngineProbe.Render(SampleReport.Title, withPngs, probePath, Resolve);
        Report($"  the PNG version through the Skia + HarfBuzz lower bound ({probePages} pages; docs/rendering.md)",
            Time(() => ReportEngineProbe.Render(SampleReport.Title, withPngs, probePath, Resolve)));

        File.WriteAllText(Path.Combine(directory, "report.md"), $"# {SampleReport.Title}\n\n{markdown}");
        File.WriteAllText(Path.Combine(directory, "bench.json"), JsonSerializer.Serialize(new
        {
            chart = new { barSpec.Title, barSpec.XLabel, barSpec.YLabel, barSpec.Categories, Values = barSpec.Series![0]!.Values, MedianMs = Median(chart) },
            report = new { Pages = pages, MedianMs = Median(report) },
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
    }

    /// <summary>The sample report with as many appendix sections as it takes to fill <see cref="ReportPages"/> pages.</summary>
    private static (string Markdown, int Sections) MarkdownOfPages(IReadOnlyList<Sale> sales, string[] charts, Func<string, string> resolve)
    {
        var probe = resolve("probe.pdf");
        for (var sections = 1; ; sections++)
        {
            var markdown = SampleReport.Markdown(sales, charts, sections);
            if (ReportRenderer.Render(SampleReport.Title, markdown, probe, resolve).Pages >= ReportPages) return (markdown, sections);
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

    private static double Median(double[] sorted) => sorted[sorted.Length / 2];

    private static void Report(string what, double[] sorted) =>
        Console.WriteLine($"{what}: median {Median(sorted):F1} ms, min {sorted[0]:F1} ms, p90 {sorted[(int)(sorted.Length * 0.9)]:F1} ms ({sorted.Length} warm runs)");
}
