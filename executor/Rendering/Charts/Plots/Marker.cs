using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Point markers shared by line and scatter charts.</summary>
public static class Marker
{
    /// <summary>A filled circle with a thin white ring, so overlapping points stay distinct.</summary>
    public static void Dot(ChartContext ctx, double x, double y, Color colour)
    {
        var canvas = ctx.Canvas;
        canvas.NewPath();
        canvas.Arc(x, y, ctx.Theme.MarkerRadius, 0, 2 * Math.PI);
        canvas.SetColor(colour);
        canvas.FillPreserve();
        canvas.SetColor(Color.White.WithAlpha(0.8));
        canvas.SetLineWidth(RingWidth(ctx.Theme));
        canvas.Stroke();
    }

    /// <summary>How far a dot reaches from its centre, ring included.</summary>
    public static double Reach(ChartTheme theme) => theme.MarkerRadius + RingWidth(theme) / 2;

    private static double RingWidth(ChartTheme theme) => Math.Max(0.75, theme.Scale);
}
