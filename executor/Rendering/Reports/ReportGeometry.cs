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
}
