using System.Xml.Linq;
using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Tests.Rendering;

public sealed class CanvasTests : IDisposable
{
    private readonly RenderTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void DrawSample(CanvasContext canvas)
    {
        canvas.FillRectangle(0, 0, 400, 200, Color.White);
        canvas.SetColor(Color.FromHex("#0072B2").WithAlpha(0.5));
        canvas.Arc(100, 100, 60, 0, 2 * Math.PI);
        canvas.Fill();
        canvas.SetDash(6, 3);
        canvas.StrokeLine(0, 190, 400, 190, Color.Black, 2);
        using var text = canvas.CreateText("한글 텍스트 Korean", new TextStyle("NanumGothic", 24) { Bold = true });
        canvas.DrawText(text, 180, 40, Color.Black);
    }

    [Fact]
    public void Png_has_the_requested_size_and_anti_aliased_korean_text()
    {
        var path = _dir.PathOf("canvas.png");
        using (var document = CanvasDocument.Create(CanvasFormat.Png, path, 400, 200))
        {
            DrawSample(document.Canvas);
            Assert.True(document.Save() > 0);
        }

        var png = PngPixels.Load(path);
        Assert.Equal((400, 200), (png.Width, png.Height));
        Assert.True(png.InkedPixels(180, 40, 400, 80) > 200, "the text area should be inked");
        Assert.True(png.IntermediateGreys > 50, "anti-aliased text has grey edge pixels");
        // The half-transparent blue circle is blended over white, not drawn opaque.
        var centre = png.At(100, 100);
        Assert.NotEqual(0xFF0072B2u, centre);
        Assert.True(((centre >> 16) & 0xFF) > 100, "alpha blending lightens the red channel");
        Assert.Empty(Directory.GetFiles(_dir.Root, "*.tmp"));
    }

    [Fact]
    public void Transparent_png_keeps_straight_alpha()
    {
        var path = _dir.PathOf("transparent.png");
        using (var document = CanvasDocument.Create(CanvasFormat.Png, path, 20, 10))
        {
            document.Canvas.FillRectangle(0, 0, 10, 10, Color.FromHex("#FF0000").WithAlpha(0.5));
            document.Save();
        }

        var png = PngPixels.Load(path);
        Assert.Equal(0u, png.At(15, 5));
        var half = png.At(5, 5);
        Assert.InRange(half >> 24, 126u, 129u);
        Assert.InRange((half >> 16) & 0xFF, 126u, 129u); // premultiplied again by cairo on reading
        Assert.Equal(0u, half & 0xFFFF);
    }

    [Fact]
    public void Svg_is_well_formed_xml_with_the_size_in_pixels()
    {
        var path = _dir.PathOf("canvas.svg");
        using (var document = CanvasDocument.Create(CanvasFormat.Svg, path, 400, 200))
        {
            DrawSample(document.Canvas);
            document.Save();
        }

        var svg = XDocument.Load(path).Root!;
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal("400px", svg.Attribute("width")!.Value);
        Assert.Equal("200px", svg.Attribute("height")!.Value);
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "path");
    }

    [Fact]
    public void Abandoned_documents_leave_no_file_behind()
    {
        var path = _dir.PathOf("never.pdf");
        using (var document = CanvasDocument.Create(CanvasFormat.Pdf, path, 100, 100))
            DrawSample(document.Canvas);
        Assert.Empty(Directory.GetFiles(_dir.Root));
    }

    [Fact]
    public void Missing_or_invalid_png_is_a_canvas_exception()
    {
        var bogus = _dir.PathOf("bogus.png");
        File.WriteAllText(bogus, "not a png");
        Assert.Throws<CanvasException>(() => CanvasImage.LoadPng(bogus));
        Assert.Throws<CanvasException>(() => CanvasImage.LoadPng(_dir.PathOf("missing.png")));
    }
}
