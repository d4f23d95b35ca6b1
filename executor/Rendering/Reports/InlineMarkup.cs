using System.Text;
using DeepInsight.Executor.Rendering.Canvas;
using Markdig.Syntax.Inlines;

namespace DeepInsight.Executor.Rendering.Reports;

/// <summary>Markdown inlines as Pango markup: bold, italic, inline code, links. Images are left to the block writer.</summary>
public static class InlineMarkup
{
    public static string From(ContainerInline? inlines)
    {
        var builder = new StringBuilder();
        // Children only: the container may itself be an image link, whose alt text is wanted here.
        foreach (var inline in inlines ?? Enumerable.Empty<Inline>()) Append(builder, inline);
        return builder.ToString().Trim();
    }

    private static void Append(StringBuilder builder, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                builder.Append(TextMarkup.Escape(literal.Content.ToString()));
                break;
            case CodeInline code:
                builder.Append($"<span font_family=\"{ReportStyles.Mono}\" background=\"{ReportStyles.CodeBackground.ToHex()}\">")
                    .Append(TextMarkup.Escape(code.Content)).Append("</span>");
                break;
            case LineBreakInline lineBreak:
                builder.Append(lineBreak.IsHard ? "\n" : " ");
                break;
            case LinkInline { IsImage: true }:
                break;
            case LinkInline link:
                Wrap(builder, $"<span foreground=\"{ReportStyles.Link.ToHex()}\" underline=\"single\">", "</span>", link);
                break;
            case AutolinkInline autolink:
                builder.Append($"<span foreground=\"{ReportStyles.Link.ToHex()}\" underline=\"single\">")
                    .Append(TextMarkup.Escape(autolink.Url)).Append("</span>");
                break;
            case EmphasisInline emphasis:
                var tag = emphasis.DelimiterChar == '~' ? "s" : emphasis.DelimiterCount >= 2 ? "b" : "i";
                Wrap(builder, $"<{tag}>", $"</{tag}>", emphasis);
                break;
            case HtmlInline html:
                builder.Append(TextMarkup.Escape(html.Tag));
                break;
            case HtmlEntityInline entity:
                builder.Append(TextMarkup.Escape(entity.Transcoded.ToString()));
                break;
            case ContainerInline container:
                foreach (var child in container) Append(builder, child);
                break;
        }
    }

    private static void Wrap(StringBuilder builder, string open, string close, ContainerInline container)
    {
        builder.Append(open);
        foreach (var child in container) Append(builder, child);
        builder.Append(close);
    }
}
