using DeepInsight.Executor.Rendering.Canvas;
using DeepInsight.Executor.Rendering.Charts;
using DeepInsight.RenderTool;

// Usage: RenderTool samples <output-dir> <data-dir>   |   RenderTool bench <data-dir>
if (args.Length < 2 || args[0] is not ("samples" or "bench"))
{
    Console.Error.WriteLine("usage: RenderTool samples <output-dir> <data-dir> | RenderTool bench <data-dir>");
    return 2;
}
if (args[0] == "bench")
{
    RenderBench.Run(SalesData.Load(args[1]));
    return 0;
}
var output = Directory.CreateDirectory(args[1]).FullName;
var sales = SalesData.Load(args[2]);
foreach (var (name, spec) in SampleCharts.All(sales))
{
    var chart = ChartSpecValidator.Validate(spec);
    foreach (var format in new[] { CanvasFormat.Png, CanvasFormat.Svg })
        ChartRenderer.Render(chart, format, Path.Combine(output, $"chart-{name}.{format.Name()}"));
    Console.WriteLine($"chart-{name}.png");
}
return 0;
