using DeepInsight.Executor.Rendering.Native;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>
/// A PNG, SVG or PDF file being drawn, with its <see cref="Canvas"/>. Drawing goes to a hidden
/// temporary file beside the target, which <see cref="Save"/> renames into place, so a failed or
/// abandoned render never leaves a truncated file under the target name.
/// </summary>
public sealed class CanvasDocument : IDisposable
{
    private readonly CairoSurfaceHandle _surface;
    private readonly string _targetPath;
    private readonly string _workingPath;
    private readonly PdfImageSplicer? _pdfImages;
    private bool _saved;

    public CanvasFormat Format { get; }
    public double Width { get; }
    public double Height { get; }
    public CanvasContext Canvas { get; }
    public int PageCount { get; private set; } = 1;

    /// <summary>After <see cref="Save"/>: how many image streams went into the PDF as prepared (see <see cref="PdfImageStream"/>).</summary>
    internal int SplicedImages { get; private set; }

    private CanvasDocument(CanvasFormat format, string targetPath, double width, double height, string? title)
    {
        Format = format;
        Width = width;
        Height = height;
        _targetPath = targetPath;
        _workingPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(targetPath))!, $".{Path.GetFileName(targetPath)}.{Guid.NewGuid():N}.tmp");
        _surface = format switch
        {
            CanvasFormat.Png => Cairo.ImageSurfaceCreate(Cairo.FormatArgb32, (int)Math.Ceiling(width), (int)Math.Ceiling(height)),
            CanvasFormat.Svg => Cairo.SvgSurfaceCreate(_workingPath, width, height),
            _ => Cairo.PdfSurfaceCreate(_workingPath, width, height),
        };
        var status = Cairo.SurfaceStatus(_surface);
        if (status != Cairo.StatusSuccess)
        {
            _surface.Dispose();
            File.Delete(_workingPath);
            throw new CanvasException($"cannot create {format.Name()} surface: {Cairo.Describe(status)}");
        }
        // Chart sizes are given in pixels; without this the SVG would declare them as points.
        if (format == CanvasFormat.Svg) Cairo.SvgSurfaceSetDocumentUnit(_surface, Cairo.SvgUnitPx);
        if (format == CanvasFormat.Pdf && title is not null) Cairo.PdfSurfaceSetMetadata(_surface, Cairo.PdfMetadataTitle, title);
        if (format == CanvasFormat.Pdf) _pdfImages = new PdfImageSplicer();
        Canvas = new CanvasContext(_surface, _pdfImages);
    }

    /// <summary>Starts a document of <paramref name="width"/> × <paramref name="height"/> units (pixels for PNG and SVG, points for PDF).</summary>
    public static CanvasDocument Create(CanvasFormat format, string path, double width, double height, string? title = null) =>
        new(format, path, width, height, title);

    /// <summary>Ends the current PDF page and starts another of the same size.</summary>
    public void NextPage()
    {
        if (Format != CanvasFormat.Pdf) throw new InvalidOperationException($"{Format.Name()} documents have one page");
        Canvas.ShowPage();
        PageCount++;
    }

    /// <summary>Writes the file under its target name and returns its size in bytes.</summary>
    public long Save()
    {
        Canvas.ThrowIfFailed();
        if (Format == CanvasFormat.Png)
        {
            Cairo.SurfaceFlush(_surface);
            PngWriter.Write(_workingPath, Cairo.ImageSurfaceGetWidth(_surface), Cairo.ImageSurfaceGetHeight(_surface),
                Cairo.ImageSurfaceGetStride(_surface), Cairo.ImageSurfaceGetData(_surface));
        }
        else
        {
            // Vector surfaces write their trailer on finish, which needs the context released first.
            Canvas.Dispose();
            Cairo.SurfaceFinish(_surface);
        }
        var status = Cairo.SurfaceStatus(_surface);
        if (status != Cairo.StatusSuccess) throw new CanvasException($"cannot write {Format.Name()}: {Cairo.Describe(status)}");
        SplicedImages = _pdfImages?.Splice(_workingPath) ?? 0;
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
