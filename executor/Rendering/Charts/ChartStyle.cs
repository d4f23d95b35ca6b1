using DeepInsight.Executor.Rendering.Native;
using ScottPlot;

namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>
/// Fonts, colours and sizes of every chart. Sizes are for the 1200 × 800 reference chart; other
/// sizes scale them through ScottPlot's scale factor, so small and large charts look alike.
/// </summary>
public static class ChartStyle
{
    /// <summary>Korean and Latin glyphs alike (Debian's and Ubuntu's fonts-nanum), found through fontconfig.</summary>
    public const string Family = "NanumGothic";

    public const float TitleSize = 26;
    public const float AxisTitleSize = 18;
    public const float TickSize = 15;
    public const float LegendSize = 15;
    public const float ValueSize = 13;
    public const float LineWidth = 2.5f;
    public const float MarkerSize = 9;

    public static readonly Color Text = Color.FromHex("#222222");
    public static readonly Color MutedText = Color.FromHex("#555555");
    public static readonly Color Axis = Color.FromHex("#8A8A8A");
    public static readonly Color Grid = Color.FromHex("#E4E4E4");

    static ChartStyle() => UseKoreanText();

    /// <summary>
    /// Makes NanumGothic every new ScottPlot plot's font in this process and starts fontconfig
    /// with the project's configuration (whichever library starts fontconfig first decides the
    /// file it reads: Pango and Skia share it), so Hangul never comes out as empty boxes. The C#
    /// runner calls it before a script runs, so scripts drawing with ScottPlot need no set-up.
    /// </summary>
    public static void UseKoreanText()
    {
        FontConfiguration.Apply();
        Fonts.Default = Family;
        using var _ = SkiaSharp.SKFontManager.Default.MatchFamily(Family);
    }

    /// <summary>How much larger than the reference chart a <paramref name="width"/> × <paramref name="height"/> one is drawn.</summary>
    public static double Scale(int width, int height) => Math.Clamp(Math.Min(width / 1200.0, height / 800.0), 0.6, 4);

    /// <summary>A plot with the chart's fonts, colours, title and axis titles; the plot of its type is added after.</summary>
    public static Plot NewPlot(ValidChart chart)
    {
        var plot = new Plot { ScaleFactor = Scale(chart.Width, chart.Height) };
        plot.Font.Set(Family);
        plot.Axes.Color(Axis);
        plot.Grid.MajorLineColor = Grid;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = TickSize;
            axis.TickLabelStyle.ForeColor = MutedText;
            axis.Label.FontSize = AxisTitleSize;
            axis.Label.ForeColor = Text;
        }
        plot.Axes.Title.Label.Text = chart.Title;
        plot.Axes.Title.Label.FontSize = TitleSize;
        plot.Axes.Title.Label.ForeColor = Text;
        plot.Axes.Title.IsVisible = chart.Title.Length > 0;
        plot.Axes.Bottom.Label.Text = chart.XLabel;
        plot.Axes.Left.Label.Text = chart.YLabel;
        plot.Axes.Right.Label.Text = chart.Y2Label;
        plot.Legend.FontSize = LegendSize;
        plot.Legend.FontColor = Text;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.OutlineColor = Grid;
        plot.Legend.IsVisible = false;
        return plot;
    }

    /// <summary>A legend above the data when the chart has several series, laid out in a row.</summary>
    public static void ShowLegendAbove(Plot plot)
    {
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Top);
    }

    /// <summary>A text drawn at a data point: a value label.</summary>
    public static ScottPlot.Plottables.Text AddValueLabel(Plot plot, string text, double x, double y, Alignment alignment, Color colour, IAxes? axes = null)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontName = Family;
        label.LabelFontSize = ValueSize;
        label.LabelFontColor = colour;
        label.LabelAlignment = alignment;
        if (axes is not null) label.Axes = axes;
        return label;
    }
}
