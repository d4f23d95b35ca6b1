using System.Xml.Linq;
using DeepInsight.Executor.Rendering.Canvas;
using DeepInsight.Executor.Rendering.Charts;

namespace DeepInsight.Executor.Tests.Rendering;

public sealed class ChartRendererTests : IDisposable
{
    private readonly RenderTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(SampleSpecs.AllTypes), MemberType = typeof(SampleSpecs))]
    public void Every_type_renders_a_non_blank_anti_aliased_png(string type)
    {
        var path = _dir.PathOf($"{type}.png");
        var bytes = ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For(type) with { Width = 900, Height = 600 }), CanvasFormat.Png, path);

        Assert.Equal(new FileInfo(path).Length, bytes);
        var png = PngPixels.Load(path);
        Assert.Equal((900, 600), (png.Width, png.Height));
        Assert.Equal(0xFFFFFFFFu, png.At(1, 1));
        Assert.True(png.InkedPixels(0, 0, 900, 600) > 900 * 600 / 100, "at least 1% of the chart is drawn on");
        Assert.True(png.InkedPixels(300, 10, 600, 50) > 100, "the title is drawn at the top centre");
        Assert.True(png.DistinctColours > 30, "anti-aliasing blends edges into intermediate colours");
        Assert.True(png.IntermediateGreys > 20);
    }

    [Theory]
    [MemberData(nameof(SampleSpecs.AllTypes), MemberType = typeof(SampleSpecs))]
    public void Every_type_renders_a_well_formed_svg(string type)
    {
        var path = _dir.PathOf($"{type}.svg");
        ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For(type)), CanvasFormat.Svg, path);

        var svg = XDocument.Load(path).Root!;
        Assert.Equal("1200px", svg.Attribute("width")!.Value);
        Assert.Equal("800px", svg.Attribute("height")!.Value);
        Assert.True(svg.Descendants().Count(e => e.Name.LocalName == "path") > 10);
    }

    [Fact]
    public void Pdf_chart_embeds_the_korean_font_and_title()
    {
        var path = _dir.PathOf("bar.pdf");
        ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For("bar")), CanvasFormat.Pdf, path);

        Assert.Contains("NanumGothic", Poppler.Run("pdffonts", path));
        Assert.Contains("카테고리별매출", Poppler.CompactText(path));
        Assert.Equal(1, Poppler.PageCount(path));
    }

    [Fact]
    public void Bar_heights_follow_the_values()
    {
        var path = _dir.PathOf("bars.png");
        var spec = new ChartSpec { Type = "bar", Categories = ["가", "나"], Series = [new ChartSeries { Values = [100, 50] }], Width = 400, Height = 400 };
        ChartRenderer.Render(ChartSpecValidator.Validate(spec), CanvasFormat.Png, path);

        var png = PngPixels.Load(path);
        int BarTop(int x) => Enumerable.Range(0, png.Height).First(y => png.At(x, y) == 0xFF0072B2u);
        var columns = Enumerable.Range(0, png.Width).Where(x => Enumerable.Range(0, png.Height).Any(y => png.At(x, y) == 0xFF0072B2u)).ToArray();
        var (first, second) = (columns.First() + 5, columns.Last() - 5);
        var baseline = Enumerable.Range(0, png.Height).Last(y => png.At(first, y) == 0xFF0072B2u);
        Assert.Equal(2.0, (double)(baseline - BarTop(first)) / (baseline - BarTop(second)), 1);
    }
}
