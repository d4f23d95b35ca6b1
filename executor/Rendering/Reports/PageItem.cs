using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Rendering.Reports;

/// <summary>Something placed on a page during layout and drawn once the page count is known.</summary>
public abstract record PageItem
{
    public abstract void Draw(CanvasContext canvas);

    /// <summary>The same item <paramref name="dy"/> lower (a heading carried to the next page with what follows it).</summary>
    public abstract PageItem Moved(double dy);
}

/// <summary>
/// The lines of <paramref name="Layout"/> between <paramref name="From"/> and <paramref name="To"/>
/// (layout coordinates), drawn with their top at (X, Y): how a paragraph continues on the next page.
/// The parts of <paramref name="Links"/> on those lines are made clickable.
/// </summary>
public sealed record TextSlice(TextLayout Layout, double X, double Y, double From, double To, Color Colour, IReadOnlyList<TextLink>? Links = null) : PageItem
{
    public override void Draw(CanvasContext canvas)
    {
        canvas.Save();
        canvas.Rectangle(0, Y, ReportGeometry.PageWidth, To - From);
        canvas.Clip();
        canvas.DrawText(Layout, X, Y - From, Colour);
        canvas.Restore();
        foreach (var link in Links ?? [])
        {
            var here = link.Areas.Where(a => a.Y >= From - 0.01 && a.Y + a.Height <= To + 0.01).Select(a => a with { X = X + a.X, Y = Y - From + a.Y });
            canvas.Link(link.Uri, here);
        }
    }

    public override PageItem Moved(double dy) => this with { Y = Y + dy };
}

public sealed record FilledBox(double X, double Y, double Width, double Height, Color Colour) : PageItem
{
    public override void Draw(CanvasContext canvas) => canvas.FillRectangle(X, Y, Width, Height, Colour);

    public override PageItem Moved(double dy) => this with { Y = Y + dy };
}

public sealed record PlacedImage(CanvasImage Image, double X, double Y, double Width, double Height) : PageItem
{
    public override void Draw(CanvasContext canvas) => canvas.DrawImage(Image, X, Y, Width, Height);

    public override PageItem Moved(double dy) => this with { Y = Y + dy };
}

public sealed record PlacedSvg(SvgImage Svg, double X, double Y, double Width, double Height) : PageItem
{
    public override void Draw(CanvasContext canvas) => canvas.DrawSvg(Svg, X, Y, Width, Height);

    public override PageItem Moved(double dy) => this with { Y = Y + dy };
}
