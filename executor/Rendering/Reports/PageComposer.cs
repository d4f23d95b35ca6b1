using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Rendering.Reports;

/// <summary>
/// Flows blocks down A4 pages: keeps the cursor, the indentation of lists and quotes, and the
/// items of every page. Text taller than the space left is split between lines onto the next page.
/// Owns the layouts and images it places until the document is drawn.
/// </summary>
public sealed class PageComposer(CanvasContext canvas) : IDisposable
{
    private const double QuoteIndent = 14;
    private readonly List<IDisposable> _resources = [];
    private readonly Dictionary<(string Path, double Width, double Height), CanvasImage> _images = [];
    private readonly Dictionary<string, SvgImage> _svgs = [];
    private readonly List<double> _quoteBars = [];
    private (TextLayout Layout, double X)? _pendingMarker;
    private FlowMark? _keep;

    public List<List<PageItem>> Pages { get; } = [[]];
    public double Y { get; private set; } = ReportGeometry.Top;
    public double Indent { get; set; }
    public double Left => ReportGeometry.Left + Indent;
    public double Width => ReportGeometry.ContentWidth - Indent;
    private bool AtPageTop => Y <= ReportGeometry.Top + 0.01;

    public TextLayout Markup(string markup, TextStyle style) => Track(canvas.CreateMarkup(markup, style));
    public TextLayout Text(string text, TextStyle style) => Track(canvas.CreateText(text, style));

    /// <summary>
    /// The PNG at <paramref name="path"/> with no more pixels than printing it in a
    /// <paramref name="width"/> × <paramref name="height"/> point box needs. An image used twice is
    /// loaded once, so the PDF holds it once.
    /// </summary>
    public CanvasImage Image(string path, double width, double height)
    {
        var key = (path, width, height);
        if (!_images.TryGetValue(key, out var image))
            _images[key] = image = Track(ImageCache.LoadPng(path, ReportGeometry.Pixels(width), ReportGeometry.Pixels(height)));
        return image;
    }

    /// <summary>The SVG document at <paramref name="path"/>, parsed once however often the report shows it.</summary>
    public SvgImage Svg(string path)
    {
        if (!_svgs.TryGetValue(path, out var svg)) _svgs[path] = svg = Track(SvgImage.Load(path));
        return svg;
    }

    private T Track<T>(T resource) where T : IDisposable
    {
        _resources.Add(resource);
        return resource;
    }

    /// <summary>
    /// Starts a new page. Items kept with what follows them (<see cref="KeepWithNext"/>) move
    /// along when nothing has been placed after them yet, so a heading never ends a page.
    /// </summary>
    public void NewPage()
    {
        List<PageItem> carried = [];
        var y = ReportGeometry.Top;
        if (_keep is { } mark)
        {
            var items = Pages[^1];
            var dy = ReportGeometry.Top - mark.Y;
            carried = items.Skip(mark.Item).Select(item => item.Moved(dy)).ToList();
            items.RemoveRange(mark.Item, items.Count - mark.Item);
            y = Y + dy;
            _keep = null;
        }
        Pages.Add(carried);
        Y = y;
    }

    /// <summary>The current place in the flow, to pass to <see cref="KeepWithNext"/> once something is placed.</summary>
    public FlowMark Mark() => new(Pages.Count - 1, Pages[^1].Count, Y);

    /// <summary>
    /// Keeps what was placed since <paramref name="mark"/> on the page of whatever is placed next.
    /// Nothing is kept from the top of a page (moving it would gain nothing) or across a page break.
    /// </summary>
    public void KeepWithNext(FlowMark mark)
    {
        if (mark.Page == Pages.Count - 1 && mark.Y > ReportGeometry.Top + 0.01) _keep = mark;
    }

    /// <summary>Vertical space between blocks; none at the top of a page.</summary>
    public void Space(double amount)
    {
        if (!AtPageTop) Y = Math.Min(Y + amount, ReportGeometry.Bottom);
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits in what is left of this one.</summary>
    public void Reserve(double height)
    {
        if (!AtPageTop && Y + height > ReportGeometry.Bottom) NewPage();
    }

    public void Add(PageItem item)
    {
        _keep = null;
        Pages[^1].Add(item);
    }

    /// <summary>Advances the cursor past something the caller placed itself (rules, table rows, images).</summary>
    public void Advance(double height) => Y += height;

    /// <summary>A list marker to draw beside the first line of the next text placed.</summary>
    public void SetMarker(TextLayout marker, double x) => _pendingMarker = (marker, x);

    /// <summary>
    /// Places a layout at the cursor, page by page: as many whole lines as fit, the rest on the
    /// next page. A background (code blocks) is drawn behind each piece with <paramref name="padding"/>;
    /// <paramref name="links"/> are made clickable where their lines land.
    /// </summary>
    public void PlaceText(TextLayout layout, Color colour, Color? background = null, double padding = 0, IReadOnlyList<TextLink>? links = null)
    {
        var lines = layout.LineBounds();
        var start = 0;
        while (start < lines.Count)
        {
            var from = lines[start].Top;
            var room = ReportGeometry.Bottom - Y - 2 * padding;
            var end = start;
            while (end < lines.Count && lines[end].Bottom - from <= room) end++;
            if (end == start)
            {
                // Not even one line fits: a new page, unless this already is one (then the line is clipped).
                if (!AtPageTop) { NewPage(); continue; }
                end = start + 1;
            }
            var to = lines[end - 1].Bottom;
            var height = to - from + 2 * padding;
            if (background is { } fill) Add(new FilledBox(Left, Y, Width, height, fill));
            DecorateQuote(height);
            Add(new TextSlice(layout, Left + padding, Y + padding, from, to, colour, links));
            if (_pendingMarker is var (marker, x))
            {
                Add(new TextSlice(marker, x, Y + padding, 0, marker.Height, colour));
                _pendingMarker = null;
            }
            Y += height;
            start = end;
            if (start < lines.Count) NewPage();
        }
    }

    /// <summary>Starts a block quote: a bar at the current indentation, the content indented past it.</summary>
    public void EnterQuote()
    {
        _quoteBars.Add(Left);
        Indent += QuoteIndent;
    }

    public void ExitQuote()
    {
        _quoteBars.RemoveAt(_quoteBars.Count - 1);
        Indent -= QuoteIndent;
    }

    /// <summary>The bars of the enclosing block quotes beside something <paramref name="height"/> tall at the cursor.</summary>
    public void DecorateQuote(double height)
    {
        foreach (var x in _quoteBars) Add(new FilledBox(x, Y, 3, height, ReportStyles.QuoteBar));
    }

    public void Dispose()
    {
        foreach (var resource in _resources) resource.Dispose();
    }
}
