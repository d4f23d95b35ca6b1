using System.Xml.Linq;
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
        var bytes = ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For(type) with { Width = 900, Height = 600 }), ChartFormat.Png, path);

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
        ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For(type)), ChartFormat.Svg, path);

        var svg = XDocument.Load(path).Root!;
        Assert.Equal("1200", svg.Attribute("width")!.Value);
        Assert.Equal("800", svg.Attribute("height")!.Value);
        Assert.True(svg.Descendants().Count(e => e.Name.LocalName is "path" or "rect") > 10);
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" && e.Value.Trim() == SampleSpecs.For(type).Title);
    }

    [Fact]
    public void Pdf_chart_is_vector_with_the_korean_font_and_text_embedded()
    {
        var path = _dir.PathOf("bar.pdf");
        ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For("bar")), ChartFormat.Pdf, path);

        Assert.Contains("NanumGothic", Poppler.Run("pdffonts", path));
        var text = Poppler.CompactText(path);
        Assert.Contains("카테고리별매출", text);
        Assert.Contains("간편식/밀키트/샐러드", text);
        Assert.Contains("150만", text);
        Assert.Equal(1, Poppler.PageCount(path));
        Assert.Equal(0, Poppler.ImageCount(path));
    }

    /// <summary>
    /// Tofu (a missing glyph's box) looks the same for every character, so two titles of one
    /// different Hangul syllable each drawing differently, and unlike a blank title, shows the
    /// glyphs themselves were drawn.
    /// </summary>
    [Fact]
    public void Hangul_syllables_are_drawn_as_their_own_glyphs()
    {
        uint[] TitleRow(string title)
        {
            var path = _dir.PathOf($"title-{title.Length}-{(int)title.FirstOrDefault()}.png");
            var spec = new ChartSpec { Type = "bar", Title = title, Series = [new ChartSeries { Values = [1] }], Width = 400, Height = 300 };
            ChartRenderer.Render(ChartSpecValidator.Validate(spec), ChartFormat.Png, path);
            var png = PngPixels.Load(path);
            return Enumerable.Range(0, 400 * 40).Select(i => png.At(i % 400, i / 400)).ToArray();
        }

        var (ga, na, blank) = (TitleRow("가"), TitleRow("나"), TitleRow(""));
        Assert.True(ga.Count(p => p != 0xFFFFFFFFu) > 20, "the syllable is inked");
        Assert.NotEqual(ga, na);
        Assert.NotEqual(ga, blank);
    }

    [Fact]
    public void Bar_heights_follow_the_values()
    {
        var path = _dir.PathOf("bars.png");
        var spec = new ChartSpec { Type = "bar", Categories = ["가", "나"], Series = [new ChartSeries { Values = [100, 50] }], Width = 400, Height = 400 };
        ChartRenderer.Render(ChartSpecValidator.Validate(spec), ChartFormat.Png, path);

        var png = PngPixels.Load(path);
        int BarTop(int x) => Enumerable.Range(0, png.Height).First(y => png.At(x, y) == 0xFF0072B2u);
        var columns = Enumerable.Range(0, png.Width).Where(x => Enumerable.Range(0, png.Height).Any(y => png.At(x, y) == 0xFF0072B2u)).ToArray();
        var (first, second) = (columns.First() + 5, columns.Last() - 5);
        var baseline = Enumerable.Range(0, png.Height).Last(y => png.At(first, y) == 0xFF0072B2u);
        Assert.Equal(2.0, (double)(baseline - BarTop(first)) / (baseline - BarTop(second)), 1);
    }

    [Fact]
    public void Scatter_points_at_the_extremes_are_drawn_whole()
    {
        var path = _dir.PathOf("corners.png");
        var spec = new ChartSpec
        {
            Type = "scatter", Width = 1200, Height = 800,
            Series = [new ChartSeries { X = [0, 10, 0, 10, 5], Values = [0, 0, 10, 10, 5] }],
        };
        ChartRenderer.Render(ChartSpecValidator.Validate(spec), ChartFormat.Png, path);

        // The markers are blue (#0072B2 at 75% opacity); axis lines and text are grey. A marker on
        // the frame is cut by the axis line or the image edge, so it would be split or smaller.
        var png = PngPixels.Load(path);
        var sizes = Blobs(png, p => (int)(p & 0xFF) - (int)((p >> 16) & 0xFF) > 100);
        Assert.Equal(5, sizes.Count);
        Assert.True(sizes.Min() >= sizes.Max() * 0.8, $"marker sizes differ: {string.Join(", ", sizes)}");
    }

    /// <summary>The sizes of the 4-connected areas of pixels that match <paramref name="inside"/>.</summary>
    private static List<int> Blobs(PngPixels png, Func<uint, bool> inside)
    {
        var seen = new bool[png.Width * png.Height];
        var sizes = new List<int>();
        for (var start = 0; start < seen.Length; start++)
        {
            if (seen[start] || !inside(png.Pixels[start])) continue;
            var (size, pending) = (0, new Stack<int>([start]));
            seen[start] = true;
            while (pending.TryPop(out var at))
            {
                size++;
                var (x, y) = (at % png.Width, at / png.Width);
                foreach (var (nx, ny) in new[] { (x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1) })
                {
                    var next = ny * png.Width + nx;
                    if (nx < 0 || ny < 0 || nx >= png.Width || ny >= png.Height || seen[next] || !inside(png.Pixels[next])) continue;
                    seen[next] = true;
                    pending.Push(next);
                }
            }
            sizes.Add(size);
        }
        return sizes;
    }
}
