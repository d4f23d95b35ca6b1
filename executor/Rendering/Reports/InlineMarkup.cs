using System.Text;
using DeepInsight.Executor.Rendering.Canvas;
using Markdig.Syntax.Inlines;

namespace DeepInsight.Executor.Rendering.Reports;

/// <summary>Markdown inlines as Pango markup: bold, italic, inline code, links. Images are left to the block writer.</summary>
public static class InlineMarkup
{
    public static string From(ContainerInline? inlines) => Build(inlines).Markup;

    public static MarkedText Build(ContainerInline? inlines)
    {
        var builder = new StringBuilder();
        var links = new List<string>();
        // Children only: the container may itself be an image link, whose alt text is wanted here.
        foreach (var inline in inlines ?? Enumerable.Empty<Inline>()) Append(builder, links, inline);
        return new MarkedText(builder.ToString().Trim(), links);
    }

    private static void Append(StringBuilder builder, List<string> links, Inline inline)
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
                var text = new StringBuilder();
                AppendChildren(text, links, link);
                // A link without text (an image only) underlines nothing, so it has no place to click.
                if (text.Length > 0) AppendLink(builder, links, link.Url ?? "", text.ToString());
                break;
            case AutolinkInline autolink:
                AppendLink(builder, links, autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url, TextMarkup.Escape(autolink.Url));
                break;
            case EmphasisInline emphasis:
                var tag = emphasis.DelimiterChar == '~' ? "s" : emphasis.DelimiterCount >= 2 ? "b" : "i";
                builder.Append($"<{tag}>");
                AppendChildren(builder, links, emphasis);
                builder.Append($"</{tag}>");
                break;
            case HtmlInline html:
                builder.Append(TextMarkup.Escape(html.Tag));
                break;
            case HtmlEntityInline entity:
                builder.Append(TextMarkup.Escape(entity.Transcoded.ToString()));
                break;
            case ContainerInline container:
                AppendChildren(builder, links, container);
                break;
        }
    }

    private static void AppendChildren(StringBuilder builder, List<string> links, ContainerInline container)
    {
        foreach (var child in container) Append(builder, links, child);
    }

    private static void AppendLink(StringBuilder builder, List<string> links, string target, string markup)
    {
        links.Add(target);
        builder.Append($"<span foreground=\"{ReportStyles.Link.ToHex()}\" underline=\"single\">").Append(markup).Append("</span>");
    }
}
