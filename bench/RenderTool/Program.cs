using DeepInsight.Executor.Rendering.Charts;
using DeepInsight.Executor.Rendering.Reports;
using DeepInsight.RenderTool;

// Usage: RenderTool samples <output-dir> <data-dir>   |   RenderTool bench <data-dir> <work-dir>
if (args.Length < 3 || args[0] is not ("samples" or "bench"))
{
    Console.Error.WriteLine("usage: RenderTool samples <output-dir> <data-dir> | RenderTool bench <data-dir> <work-dir>");
    return 2;
}
if (args[0] == "bench")
{
    RenderBench.Run(SalesData.Load(args[1]), Directory.CreateDirectory(args[2]).FullName);
    return 0;
}
var output = Directory.CreateDirectory(args[1]).FullName;
var sales = SalesData.Load(args[2]);
foreach (var (name, spec) in SampleCharts.All(sales))
{
    var chart = ChartSpecValidator.Validate(spec);
    foreach (var format in new[] { ChartFormat.Png, ChartFormat.Svg })
        ChartRenderer.Render(chart, format, Path.Combine(output, $"chart-{name}.{format.Name()}"));
    Console.WriteLine($"chart-{name}.png");
}
var charts = new[] { "chart-bar.svg", "chart-line.svg", "chart-heatmap.svg" };
var report = ReportRenderer.Render(SampleReport.Title, SampleReport.Markdown(sales, charts), Path.Combine(output, "report.pdf"), name => Path.Combine(output, name));
Console.WriteLine($"report.pdf: {report.Pages} pages");
return 0;
