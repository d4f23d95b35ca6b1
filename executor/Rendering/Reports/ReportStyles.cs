using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Rendering.Reports;

/// <summary>Type and colours of a report. Body text is NanumGothic; code is NanumGothicCoding, both with Hangul.</summary>
public static class ReportStyles
{
    public const string Sans = "NanumGothic";
    public const string Mono = "NanumGothicCoding";
    public const double LineSpacing = 1.45;

    public static readonly Color Text = Color.FromHex("#1F2328");
    public static readonly Color Muted = Color.FromHex("#59636E");
    public static readonly Color Rule = Color.FromHex("#D0D7DE");
    public static readonly Color CodeBackground = Color.FromHex("#F3F4F6");
    public static readonly Color QuoteBar = Color.FromHex("#C5CDD6");
    public static readonly Color TableHeader = Color.FromHex("#E9EEF4");
    public static readonly Color TableStripe = Color.FromHex("#F8F9FB");
    public static readonly Color Link = Color.FromHex("#0B5CAD");

    public static TextStyle Body(double width) => new(Sans, 10.5) { WrapWidth = width, LineSpacing = LineSpacing };
    public static TextStyle Code(double width) => new(Mono, 9) { WrapWidth = width, LineSpacing = 1.3 };
    public static TextStyle Cell(double width) => new(Sans, 9.5) { WrapWidth = width, LineSpacing = 1.3 };
    public static TextStyle Title(double width) => new(Sans, 22) { Bold = true, WrapWidth = width, LineSpacing = 1.2 };
    public static readonly TextStyle Footer = new(Sans, 8.5) { Alignment = TextAlignment.Center, WrapWidth = ReportGeometry.ContentWidth };
    public static TextStyle Caption(double width) => new(Sans, 9) { WrapWidth = width, Alignment = TextAlignment.Center };

    public static TextStyle Heading(int level, double width) => new(Sans, level switch { 1 => 18, 2 => 15, 3 => 13, _ => 11.5 })
    {
        Bold = true,
        WrapWidth = width,
        LineSpacing = 1.25,
    };
}
