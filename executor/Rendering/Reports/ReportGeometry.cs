namespace DeepInsight.Executor.Rendering.Reports;

/// <summary>A4 pages in PDF points, with the margins of the text area and the footer line.</summary>
public static class ReportGeometry
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Margin = 56;
    public const double BottomMargin = 64;
    public const double Left = Margin;
    public const double Top = Margin;
    public const double Bottom = PageHeight - BottomMargin;
    public const double ContentWidth = PageWidth - 2 * Margin;
    public const double ContentHeight = Bottom - Top;
    public const double FooterY = PageHeight - 40;

    /// <summary>
    /// Pixels per inch up to which PNG images are embedded: sharp in print (charts drawn for a
    /// report, at least 1,340 pixels across the text width, keep 200 dpi), while every pixel is
    /// decoded, scaled and deflated (once per image file, see ImageCache) and stored in the PDF.
    /// Charts saved as SVG are drawn as vectors instead.
    /// </summary>
    public const double ImageResolution = 200;

    /// <summary>Images are scaled down to this share of the text height at most.</summary>
    public const double MaxImageHeight = ContentHeight * 0.85;

    /// <summary>Pixels an image needs to be printed <paramref name="points"/> long at <see cref="ImageResolution"/>.</summary>
    public static int Pixels(double points) => (int)Math.Ceiling(points / 72 * ImageResolution);
}
