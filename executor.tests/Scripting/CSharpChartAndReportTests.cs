using System.Buffers.Binary;
using System.Globalization;
using DeepInsight.Executor.Tests.Infrastructure;
using DeepInsight.Executor.Tests.Rendering;

namespace DeepInsight.Executor.Tests.Scripting;

/// <summary>Scripts that read real data with Csv and draw it with ScottPlot, Charts and Reports.</summary>
public sealed class CSharpChartAndReportTests : IClassFixture<CSharpExecutorFactory>
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly CSharpExecutorFactory _factory;

    public CSharpChartAndReportTests(CSharpExecutorFactory factory) => _factory = factory;

    [Fact]
    public async Task Moon_market_revenue_by_category_becomes_a_korean_bar_chart()
    {
        var dataDirectory = Path.Combine(_factory.WorkRoot, "data");
        Directory.CreateDirectory(dataDirectory);
        File.Copy(RepoPaths.MoonMarketCsv, Path.Combine(dataDirectory, "moon-market-fresh-food-sales.csv"), overwrite: true);

        var body = await _factory.ExecuteCSharpAsync("""
            var rows = Csv.Read("data/moon-market-fresh-food-sales.csv");
            var revenue = rows.GroupBy(r => (string)r.Category)
                .Select(g => (Category: g.Key, Revenue: g.Sum(r => double.Parse((string)r.Amount))))
                .OrderByDescending(x => x.Revenue)
                .ToList();
            foreach (var (category, total) in revenue) Console.WriteLine($"{category}\t{total}");
            Charts.Bar(revenue.Select(x => x.Category), revenue.Select(x => x.Revenue), title: "카테고리별 매출")
                .WithLabels(x: "카테고리", y: "매출 (원)")
                .Save("artifacts/revenue_by_category.png");
            Console.WriteLine($"{rows.Count} rows, first city {rows[0]["ship-city"]} / {rows[0].ship_city}");
            """);

        Assert.True(body.GetProperty("status").GetString() == "completed", body.ToString());
        var lines = body.GetProperty("stdout").GetString()!.TrimEnd('\n').Split('\n');
        var expected = ExpectedRevenueByCategory();
        Assert.Equal(expected.Select(e => $"{e.Key}\t{e.Value.ToString(CultureInfo.InvariantCulture)}"), lines[..^1]);
        var recordCount = File.ReadAllLines(RepoPaths.MoonMarketCsv).Skip(1).Count(l => l.Length > 0);
        Assert.Equal($"{recordCount} rows, first city 강서구 / 강서구", lines[^1]);

        var png = File.ReadAllBytes(Path.Combine(_factory.WorkRoot, "artifacts", "revenue_by_category.png"));
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(1200, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(800, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.True(png.Length > 15_000, $"a chart with text and bars should not be {png.Length} bytes");
    }

    [Fact]
    public async Task Every_chart_type_and_a_report_save_in_the_format_their_extension_names()
    {
        var body = await _factory.ExecuteCSharpAsync("""
            var months = new[] { "1월", "2월", "3월", "4월" };
            var sales = new[] { 120, 90, 150, 170 };
            var costs = new[] { 80.5, 70.0, 95.5, 100.0 };
            Charts.Bar(months, sales, "bar").Save("artifacts/charts/bar.png");
            Charts.Barh(months, sales, "barh").AddSeries("비용", costs).Save("artifacts/charts/barh.svg");
            Charts.StackedBar(months, "stacked").AddSeries("매출", sales).AddSeries("비용", costs).Save("artifacts/charts/stacked.pdf");
            Charts.Line(months, sales, "line", name: "매출").AddSeries("비용", costs).Save("artifacts/charts/line.png");
            Charts.Area(months, costs, "area").Save("artifacts/charts/area.png");
            Charts.Scatter(costs, sales, "scatter").Save("artifacts/charts/scatter.png");
            Charts.Pie(months, sales, "pie").WithValueLabels().Save("artifacts/charts/pie.png");
            Charts.Donut(months, sales, "donut").Save("artifacts/charts/donut.png");
            Charts.Histogram(new[] { 1.0, 2, 2, 3, 3, 3, 4, 4, 5 }, "histogram").Save("artifacts/charts/histogram.png");
            Charts.Box("box").AddSeries("매출", sales).AddSeries("비용", costs).Save("artifacts/charts/box.png");
            Charts.Heatmap(months, "heatmap").AddSeries("서울", sales).AddSeries("부산", costs).WithSize(600, 400).Save("artifacts/charts/heatmap.png");
            Reports.FromMarkdown("월간 보고서", "## 요약\n\n| 월 | 매출 |\n|---|---|\n| 1월 | 120 |\n\n![](artifacts/charts/bar.png)\n")
                .Save("artifacts/report.pdf")
            """);

        Assert.True(body.GetProperty("status").GetString() == "completed", body.ToString());
        Assert.Equal(Path.Combine(_factory.WorkRoot, "artifacts", "report.pdf") + "\n", body.GetProperty("stdout").GetString());
        var charts = Path.Combine(_factory.WorkRoot, "artifacts", "charts");
        foreach (var name in new[] { "bar", "line", "area", "scatter", "pie", "donut", "histogram", "heatmap", "box" })
            Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(charts, name + ".png"))[..8]);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(charts, "barh.svg")));
        Assert.StartsWith("%PDF", File.ReadAllText(Path.Combine(charts, "stacked.pdf")));
        Assert.StartsWith("%PDF", File.ReadAllText(Path.Combine(_factory.WorkRoot, "artifacts", "report.pdf")));
    }

    /// <summary>
    /// ScottPlot's documented API, no #r and no font set-up: the runner makes NanumGothic the
    /// default, so two titles of one different syllable each draw their own glyphs (tofu, a
    /// missing glyph's box, would look the same in both).
    /// </summary>
    [Fact]
    public async Task A_script_draws_with_scottplot_directly_in_korean()
    {
        var body = await _factory.ExecuteCSharpAsync("""
            double[] xs = [1, 2, 3, 4];
            double[] ys = [120, 90, 150, 170];
            Directory.CreateDirectory("artifacts/scottplot");
            foreach (var title in new[] { "매", "출" })
            {
                var plt = new ScottPlot.Plot();
                plt.Add.Scatter(xs, ys);
                plt.Title(title);
                plt.XLabel("월");
                plt.SavePng($"artifacts/scottplot/{title}.png", 800, 600);
            }
            var chart = Charts.Bar(new[] { "1월", "2월" }, new[] { 3, 4 }, "막대").ToPlot();
            chart.Add.HorizontalLine(3.5);
            chart.SaveSvg("artifacts/scottplot/bar.svg", 600, 400);
            ScottPlot.Fonts.Default
            """);

        Assert.True(body.GetProperty("status").GetString() == "completed", body.ToString());
        Assert.Equal("NanumGothic\n", body.GetProperty("stdout").GetString());
        var directory = Path.Combine(_factory.WorkRoot, "artifacts", "scottplot");
        var (first, second) = (PngPixels.Load(Path.Combine(directory, "매.png")), PngPixels.Load(Path.Combine(directory, "출.png")));
        Assert.Equal((800, 600), (first.Width, first.Height));
        uint[] Title(PngPixels png) => Enumerable.Range(0, 800 * 40).Select(i => png.At(i % 800, i / 800)).ToArray();
        Assert.True(Title(first).Count(p => p != 0xFFFFFFFFu) > 20, "the title is drawn");
        Assert.NotEqual(Title(first), Title(second));
        Assert.True(first.InkedPixels(0, 40, 800, 600) > 2000, "the line and the axes are drawn");
        var svg = System.Xml.Linq.XDocument.Load(Path.Combine(directory, "bar.svg"));
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" && e.Value.Trim() == "막대");
    }

    [Fact]
    public async Task Invalid_chart_is_a_runtime_error_naming_the_problem_and_the_line()
    {
        var body = await _factory.ExecuteCSharpAsync("var labels = new[] { \"a\", \"b\" };\nCharts.Bar(labels, new[] { 1, 2, 3 }).Save(\"artifacts/bad.png\");");

        var error = body.GetProperty("error");
        Assert.Equal("RenderValidationException", error.GetProperty("type").GetString());
        Assert.Contains("3 values but there are 2 categories", error.GetProperty("message").GetString());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
    }

    /// <summary>The expected answer computed apart from the executor (the file has no quoted fields).</summary>
    private static List<KeyValuePair<string, double>> ExpectedRevenueByCategory()
    {
        var records = File.ReadAllLines(RepoPaths.MoonMarketCsv).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));
        return records.GroupBy(f => f[2])
            .Select(g => KeyValuePair.Create(g.Key, g.Sum(f => double.Parse(f[5], CultureInfo.InvariantCulture))))
            .OrderByDescending(p => p.Value)
            .ToList();
    }
}
