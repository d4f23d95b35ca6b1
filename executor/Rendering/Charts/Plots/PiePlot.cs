using System.Globalization;
using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Pie and donut charts of the single series, slices clockwise from twelve o'clock.</summary>
public static class PiePlot
{
    private const double DonutHole = 0.55;

    // Slices thinner than this get no label inside; the legend still lists them.
    private const double MinLabelledShare = 0.035;

    public static void Draw(ChartContext ctx, Box area, bool donut)
    {
        var chart = ctx.Chart;
        var theme = ctx.Theme;
        var values = chart.Series[0].Values;
        var total = values.Sum();
        var formatter = new ValueFormatter(values.Max(), 1);
        var entries = chart.Categories.Select((c, i) => new LegendEntry($"{c} ({Percent(values[i] / total)})", Palette.Series(i))).ToList();
        var plotArea = Legend.DrawRight(ctx, area, entries);
        var radius = Math.Min(plotArea.Width, plotArea.Height) / 2 * 0.92;
        var (cx, cy) = (plotArea.CenterX, plotArea.CenterY);
        var inner = donut ? radius * DonutHole : 0;
        var canvas = ctx.Canvas;

        var angle = -Math.PI / 2;
        for (var i = 0; i < values.Length; i++)
        {
            var share = values[i] / total;
            var end = angle + share * 2 * Math.PI;
            canvas.NewPath();
            canvas.Arc(cx, cy, radius, angle, end);
            if (donut) canvas.ArcNegative(cx, cy, inner, end, angle);
            else canvas.LineTo(cx, cy);
            canvas.ClosePath();
            canvas.SetColor(Palette.Series(i));
            canvas.FillPreserve();
            canvas.SetColor(Color.White);
            canvas.SetLineWidth(2 * theme.Scale);
            canvas.Stroke();
            if (share >= MinLabelledShare)
            {
                var text = Percent(share) + (chart.ValueLabels ? "\n" + formatter.FormatValue(values[i]) : "");
                var label = ctx.Text(text, theme.ValueLabel with { Bold = true, Alignment = TextAlignment.Center });
                var middle = (angle + end) / 2;
                var at = donut ? (radius + inner) / 2 : radius * 0.65;
                ctx.DrawCentered(label, cx + Math.Cos(middle) * at, cy + Math.Sin(middle) * at, Palette.Series(i).Luminance > 0.55 ? theme.Text : Color.White);
            }
            angle = end;
        }
        if (donut)
        {
            var sum = ctx.Text(formatter.FormatValue(total), theme.Title with { Alignment = TextAlignment.Center });
            var name = ctx.Text(chart.Series[0].Name, theme.Legend with { WrapWidth = inner * 1.6, MaxLines = 1, Alignment = TextAlignment.Center });
            ctx.DrawCentered(sum, cx, cy - name.Height / 2, theme.Text);
            ctx.DrawCentered(name, cx, cy + sum.Height / 2, theme.MutedText);
        }
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
