using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Tests.Rendering;

public sealed class CanvasTests : IDisposable
{
    private readonly RenderTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void DrawSample(CanvasContext canvas)
    {
        canvas.FillRectangle(0, 0, 400, 200, Color.FromHex("#0072B2").WithAlpha(0.5));
        using var text = canvas.CreateText("한글 텍스트 Korean", new TextStyle("NanumGothic", 24) { Bold = true });
        canvas.DrawText(text, 180, 40, Color.Black);
    }

    [Fact]
    public void Pdf_pages_carry_shaped_korean_text_in_an_embedded_font()
    {
        var path = _dir.PathOf("canvas.pdf");
        using (var document = CanvasDocument.CreatePdf(path, 400, 200, "제목"))
        {
            DrawSample(document.Canvas);
            document.NextPage();
            DrawSample(document.Canvas);
            Assert.True(document.Save() > 0);
            Assert.Equal(2, document.PageCount);
        }

        Assert.Equal(2, Poppler.PageCount(path));
        Assert.Contains("한글텍스트Korean", Poppler.CompactText(path));
        Assert.Contains("NanumGothic", Poppler.Run("pdffonts", path));
        Assert.Empty(Directory.GetFiles(_dir.Root, "*.tmp"));
    }

    [Fact]
    public void Abandoned_documents_leave_no_file_behind()
    {
        var path = _dir.PathOf("never.pdf");
        using (var document = CanvasDocument.CreatePdf(path, 100, 100))
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
