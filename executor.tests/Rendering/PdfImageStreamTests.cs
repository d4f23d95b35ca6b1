using DeepInsight.Executor.Rendering.Canvas;
using DeepInsight.Executor.Rendering.Charts;
using DeepInsight.Executor.Rendering.Reports;

namespace DeepInsight.Executor.Tests.Rendering;

/// <summary>Opaque images go into PDFs as streams deflated once, spliced in where cairo wrote placeholder JPEG data.</summary>
public sealed class PdfImageStreamTests : IDisposable
{
    private readonly RenderTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Chart(string name, int width, int height)
    {
        var path = _dir.PathOf(name);
        ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For("bar") with { Width = width, Height = height }), ChartFormat.Png, path);
        return path;
    }

    /// <summary>Rows of `pdfimages -list` split into columns: page num type width height color comp bpc enc interp object ...</summary>
    private static List<string[]> ImageList(string pdf) =>
        Poppler.Run("pdfimages", "-list", pdf).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    /// <summary>Every image of the PDF as pdfimages writes it out, decoded.</summary>
    private List<PngPixels> ExtractedImages(string pdf)
    {
        var prefix = _dir.PathOf(Path.GetFileNameWithoutExtension(pdf) + "-img");
        Poppler.Run("pdfimages", "-png", pdf, prefix);
        return Directory.GetFiles(_dir.Root, Path.GetFileName(prefix) + "-*.png").Order().Select(PngPixels.Load).ToList();
    }

    private static uint[] Pixels(CanvasImage image) => image.ReadPixels();

    [Fact]
    public void A_report_chart_is_deflated_in_the_pdf_and_decodes_to_the_very_pixels_drawn()
    {
        var png = Chart("bar.png", 1200, 800);
        var pdf = _dir.PathOf("report.pdf");

        ReportRenderer.Render("차트", "![막대 차트](bar.png)", pdf, name => _dir.PathOf(name));

        var row = Assert.Single(ImageList(pdf));
        // "image" is FlateDecode; a placeholder left behind would list as "jpeg".
        Assert.Equal(["image", "yes"], row[8..10]);
        Assert.Equal(["rgb", "3", "8"], row[5..8]);
        using var drawn = ImageCache.LoadPng(png, ReportGeometry.Pixels(ReportGeometry.ContentWidth), ReportGeometry.Pixels(ReportGeometry.MaxImageHeight));
        var extracted = Assert.Single(ExtractedImages(pdf));
        Assert.Equal((drawn.Width, drawn.Height), (extracted.Width, extracted.Height));
        Assert.Equal(Pixels(drawn), extracted.Pixels);
        Assert.True(extracted.DistinctColours > 10);
    }

    [Fact]
    public void Reports_rendered_at_once_share_the_cached_stream_and_each_gets_it_whole()
    {
        var png = Chart("shared.png", 1200, 800);
        var pdfs = Enumerable.Range(0, 4).Select(i => _dir.PathOf($"parallel-{i}.pdf")).ToArray();

        Parallel.ForEach(pdfs, pdf => ReportRenderer.Render("동시", "![차트](shared.png)", pdf, name => _dir.PathOf(name)));

        using var drawn = ImageCache.LoadPng(png, ReportGeometry.Pixels(ReportGeometry.ContentWidth), ReportGeometry.Pixels(ReportGeometry.MaxImageHeight));
        Assert.All(pdfs, pdf =>
        {
            Assert.Equal("image", Assert.Single(ImageList(pdf))[8]);
            Assert.Equal(Pixels(drawn), Assert.Single(ExtractedImages(pdf)).Pixels);
        });
    }

    [Fact]
    public void Canvas_documents_splice_each_opaque_image_once_however_often_it_is_drawn()
    {
        using var image = ImageCache.LoadPng(Chart("small.png", 300, 200), 1000, 1000);
        var pdf = _dir.PathOf("canvas.pdf");
        using var document = CanvasDocument.CreatePdf(pdf, 400, 600);
        document.Canvas.DrawImage(image, 10, 10, 300, 200);
        document.NextPage();
        document.Canvas.DrawImage(image, 50, 50, 150, 100);
        document.Save();

        Assert.Equal(1, document.SplicedImages);
        var rows = ImageList(pdf);
        Assert.Equal(2, rows.Count);
        Assert.Equal(rows[0][10], rows[1][10]);
        Assert.All(ExtractedImages(pdf), extracted => Assert.Equal(Pixels(image), extracted.Pixels));
    }

    [Fact]
    public void Transparent_images_are_left_to_cairo_with_their_soft_mask()
    {
        var png = TestPng.Write(_dir.PathOf("translucent.png"), 120, 80, "#0072B2", paintedWidth: 60);
        using var image = ImageCache.LoadPng(png, 1000, 1000);
        Assert.Null(image.PdfStream);
        var pdf = _dir.PathOf("translucent.pdf");
        using (var document = CanvasDocument.CreatePdf(pdf, 200, 200))
        {
            document.Canvas.DrawImage(image, 0, 0, 120, 80);
            document.Save();
            Assert.Equal(0, document.SplicedImages);
        }
        Assert.Equal(["image", "smask"], ImageList(pdf).Select(r => r[2]));
    }

    [Fact]
    public void The_dictionary_is_rewritten_in_the_same_number_of_bytes()
    {
        const string cairo116 = "<< /Length 16 0 R\n   /Type /XObject\n   /Subtype /Image\n   /Width 1007\n   /Height 671\n" +
                                "   /ColorSpace /DeviceRGB\n   /Interpolate true\n   /BitsPerComponent 8\n   /Filter /DCTDecode\n>>";
        var rewritten = PdfStreamDictionary.Rewrite(cairo116, 1007, 671);
        Assert.Equal(cairo116.Length, rewritten.Length);
        Assert.StartsWith("<</Length 16 0 R/Type/XObject/Subtype/Image/Width 1007/Height 671/ColorSpace/DeviceRGB/Interpolate true/BitsPerComponent 8/Filter/FlateDecode", rewritten);
        Assert.EndsWith(" >>", rewritten);

        // Without /Interpolate it is added, as cairo writes it for smoothly filtered images.
        var plain = cairo116.Replace("   /Interpolate true\n", "");
        Assert.Contains("/Interpolate true", PdfStreamDictionary.Rewrite(plain, 1007, 671));
        Assert.Equal(plain.Length, PdfStreamDictionary.Rewrite(plain, 1007, 671).Length);
    }

    [Theory]
    [InlineData("<< /Length 9 0 R /Subtype /Image /Width 10 /Height 5 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /SMask 3 0 R >>")]
    [InlineData("<< /Length 9 0 R /Subtype /Image /Width 11 /Height 5 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode >>")]
    [InlineData("<< /Length 9 0 R /Subtype /Image /Width 10 /Height 5 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode >>")]
    [InlineData("<< /Length 9 0 R /Subtype /Image /Width 10 /Height 5 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode >>")]
    [InlineData("<</Subtype/Image/Width 10/Height 5/ColorSpace/DeviceRGB/BitsPerComponent 8/Filter/DCTDecode>>")]
    public void Dictionaries_other_than_cairos_for_this_image_are_refused(string dictionary)
    {
        Assert.Throws<CanvasException>(() => PdfStreamDictionary.Rewrite(dictionary, 10, 5));
    }
}
