namespace DeepInsight.Executor.Rendering.Reports;

/// <summary>Pango markup and the targets of the links in it, in order: the markup underlines links and nothing else.</summary>
public sealed record MarkedText(string Markup, IReadOnlyList<string> Links);
