using System.Globalization;
using ScottPlot;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Pie and donut charts of the single series, with each slice's share inside it and the categories in a legend.</summary>
public static class PieChart
{
    private const double DonutHole = 0.55;

    // Slices thinner than this get no label inside; the legend still lists them.
    private const double MinLabelledShare = 0.035;

    public static void Add(Plot plot, ValidChart chart, bool donut)
    {
        var values = chart.Series[0].Values;
        var total = values.Sum();
        var formatter = ValueFormatter.For(values);
        var slices = values.Select((value, i) =>
        {
            var share = value / total;
            var colour = Palette.Series(i);
            return new PieSlice
            {
                Value = value,
                FillColor = colour,
                LegendText = $"{chart.Categories[i]} ({Percent(share)})",
                Label = share < MinLabelledShare ? "" : Percent(share) + (chart.ValueLabels ? "\n" + formatter.FormatValue(value) : ""),
                LabelFontName = ChartStyle.Family,
                LabelFontSize = ChartStyle.ValueSize,
                LabelBold = true,
                LabelFontColor = colour.Luminance > 0.55 ? ChartStyle.Text : Colors.White,
            };
        }).ToList();
        var pie = plot.Add.Pie(slices);
        pie.DonutFraction = donut ? DonutHole : 0;
        // Labels sit in the middle of the ring, or two thirds of the way out of a full pie.
        pie.SliceLabelDistance = donut ? (1 + DonutHole) / 2 : 0.65;
        pie.LineColor = Colors.White;
        pie.LineWidth = 2;
        if (donut)
        {
            var sum = ChartStyle.AddValueLabel(plot, formatter.FormatValue(total), 0, 0, Alignment.LowerCenter, ChartStyle.Text);
            sum.LabelFontSize = ChartStyle.TitleSize;
            sum.LabelBold = true;
            ChartStyle.AddValueLabel(plot, chart.Series[0].Name, 0, 0, Alignment.UpperCenter, ChartStyle.MutedText).LabelFontSize = ChartStyle.LegendSize;
        }
        plot.Axes.Frameless();
        // Frameless hides the title with the axes: it stays.
        plot.Axes.Title.IsVisible = chart.Title.Length > 0;
        plot.HideGrid();
        plot.Axes.SquareUnits();
        plot.Legend.Orientation = Orientation.Vertical;
        plot.ShowLegend(Edge.Right);
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
