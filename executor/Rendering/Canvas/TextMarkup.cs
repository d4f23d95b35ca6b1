using System.Text;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>Escaping of plain text for Pango markup, so user text can never become markup.</summary>
public static class TextMarkup
{
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&apos;"); break;
                // Control characters other than tab and newline are invalid in GMarkup.
                case < ' ' when c is not ('\t' or '\n'): builder.Append(' '); break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }
}
