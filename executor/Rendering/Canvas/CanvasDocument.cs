using DeepInsight.Executor.Rendering.Native;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>
/// A PDF file being drawn, page by page, with its <see cref="Canvas"/>. Drawing goes to a hidden
/// temporary file beside the target, which <see cref="Save"/> renames into place, so a failed or
/// abandoned render never leaves a truncated file under the target name.
/// </summary>
public sealed class CanvasDocument : IDisposable
{
    private readonly CairoSurfaceHandle _surface;
    private readonly string _targetPath;
    private readonly string _workingPath;
    private readonly PdfImageSplicer _pdfImages = new();
    private bool _saved;

    public double Width { get; }
    public double Height { get; }
    public CanvasContext Canvas { get; }
    public int PageCount { get; private set; } = 1;

    /// <summary>After <see cref="Save"/>: how many image streams went into the PDF as prepared (see <see cref="PdfImageStream"/>).</summary>
    internal int SplicedImages { get; private set; }

    private CanvasDocument(string targetPath, double width, double height, string? title)
    {
        Width = width;
        Height = height;
        _targetPath = targetPath;
        _workingPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(targetPath))!, $".{Path.GetFileName(targetPath)}.{Guid.NewGuid():N}.tmp");
        _surface = Cairo.PdfSurfaceCreate(_workingPath, width, height);
        var status = Cairo.SurfaceStatus(_surface);
        if (status != Cairo.StatusSuccess)
        {
            _surface.Dispose();
            File.Delete(_workingPath);
            throw new CanvasException($"cannot create PDF surface: {Cairo.Describe(status)}");
        }
        if (title is not null) Cairo.PdfSurfaceSetMetadata(_surface, Cairo.PdfMetadataTitle, title);
        Canvas = new CanvasContext(_surface, _pdfImages);
    }

    /// <summary>Starts a PDF whose pages are <paramref name="width"/> × <paramref name="height"/> points.</summary>
    public static CanvasDocument CreatePdf(string path, double width, double height, string? title = null) =>
        new(path, width, height, title);

    /// <summary>Ends the current page and starts another of the same size.</summary>
    public void NextPage()
    {
        Canvas.ShowPage();
        PageCount++;
    }

    /// <summary>Writes the file under its target name and returns its size in bytes.</summary>
    public long Save()
    {
        Canvas.ThrowIfFailed();
        // The PDF surface writes its trailer on finish, which needs the context released first.
        Canvas.Dispose();
        Cairo.SurfaceFinish(_surface);
        var status = Cairo.SurfaceStatus(_surface);
        if (status != Cairo.StatusSuccess) throw new CanvasException($"cannot write PDF: {Cairo.Describe(status)}");
        SplicedImages = _pdfImages.Splice(_workingPath);
        File.Move(_workingPath, _targetPath, overwrite: true);
        _saved = true;
        return new FileInfo(_targetPath).Length;
    }

    public void Dispose()
    {
        Canvas.Dispose();
        _surface.Dispose();
        if (!_saved) File.Delete(_workingPath);
    }
}
