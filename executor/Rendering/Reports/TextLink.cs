using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Rendering.Reports;

/// <summary>A clickable link of a text layout: its target and the areas (layout coordinates) of its text.</summary>
public sealed record TextLink(string Uri, IReadOnlyList<TextArea> Areas)
{
    // Only targets a reader can open safely from a PDF: no file:, javascript: or relative paths.
    private static readonly string[] Schemes = ["http", "https", "mailto"];

    /// <summary>
    /// Pairs the underlined runs of <paramref name="layout"/> with <paramref name="targets"/> (the
    /// links of its markup, in order). When the two do not line up, no link is made rather than a wrong one.
    /// </summary>
    public static IReadOnlyList<TextLink> Of(TextLayout layout, IReadOnlyList<string> targets)
    {
        if (targets.Count == 0) return [];
        var areas = layout.UnderlinedAreas();
        if (areas.Count != targets.Count) return [];
        return targets.Zip(areas, (target, area) => new TextLink(target, area))
            .Where(link => System.Uri.TryCreate(link.Uri, UriKind.Absolute, out var uri) && Schemes.Contains(uri.Scheme))
            .ToList();
    }
}
