using System.Globalization;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>
/// The dictionary cairo writes for an image given as JPEG data (/Filter /DCTDecode), rewritten
/// for the deflated RGB samples spliced in its place: /FlateDecode, and /Interpolate as cairo sets
/// it for smoothly filtered images, in no more bytes than the original (padded with spaces).
/// </summary>
internal static class PdfStreamDictionary
{
    // What cairo 1.16 to 1.18 write for 8-bit, three-component JPEG data; anything else is refused
    // rather than guessed at.
    private static readonly HashSet<string> Known = ["/Length", "/Type", "/Subtype", "/Width", "/Height", "/ColorSpace", "/BitsPerComponent", "/Filter", "/Interpolate"];

    public static string Rewrite(string dictionary, int width, int height)
    {
        var entries = Parse(dictionary);
        string? Value(string key) => entries.FirstOrDefault(e => e.Key == key).Value;
        foreach (var (key, _) in entries)
            if (!Known.Contains(key)) throw Refused($"entry {key}");
        if (Value("/Filter") != "/DCTDecode" || Value("/Subtype") != "/Image" || Value("/ColorSpace") != "/DeviceRGB" ||
            Value("/BitsPerComponent") != "8" || Value("/Width") != width.ToString(CultureInfo.InvariantCulture) || Value("/Height") != height.ToString(CultureInfo.InvariantCulture))
            throw Refused("image description");

        var rewritten = entries.Select(e => e.Key == "/Filter" ? (e.Key, "/FlateDecode") : e).ToList();
        if (Value("/Interpolate") is null) rewritten.Add(("/Interpolate", "true"));
        var text = Write(rewritten);
        // Smoothing when scaled is a hint to viewers; the image is right without it.
        if (text.Length > dictionary.Length) text = Write(rewritten.Where(e => e.Key != "/Interpolate").ToList());
        if (text.Length > dictionary.Length) throw Refused("dictionary too short to rewrite");
        return text[..^2] + new string(' ', dictionary.Length - text.Length) + ">>";
    }

    private static string Write(List<(string Key, string Value)> entries) =>
        "<<" + string.Concat(entries.Select(e => e.Key + (e.Value.StartsWith('/') ? "" : " ") + e.Value)) + ">>";

    /// <summary>The entries of a flat dictionary whose values are names, numbers, booleans and indirect references.</summary>
    private static List<(string Key, string Value)> Parse(string dictionary)
    {
        var tokens = Tokens(dictionary);
        if (tokens.Count < 2 || tokens[0] != "<<" || tokens[^1] != ">>") throw Refused("dictionary");
        var entries = new List<(string, string)>();
        for (var i = 1; i < tokens.Count - 1;)
        {
            var key = tokens[i++];
            if (!key.StartsWith('/') || i >= tokens.Count - 1) throw Refused("dictionary key");
            var value = tokens[i++];
            if (value is "<<" or ">>" or "[" or "]") throw Refused($"value of {key}");
            // "12 0 R": an indirect reference, as cairo writes /Length.
            if (i + 1 < tokens.Count - 1 && tokens[i + 1] == "R" && int.TryParse(value, out _) && int.TryParse(tokens[i], out _))
            {
                value = $"{value} {tokens[i]} R";
                i += 2;
            }
            entries.Add((key, value));
        }
        return entries;
    }

    private static List<string> Tokens(string text)
    {
        const string delimiters = "/<>[]()";
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            if (text.AsSpan(i).StartsWith("<<") || text.AsSpan(i).StartsWith(">>"))
            {
                tokens.Add(text.Substring(i, 2));
                i += 2;
                continue;
            }
            if (text[i] is '[' or ']' or '(' or ')' or '<' or '>') throw Refused($"'{text[i]}' in the dictionary");
            var end = i + 1;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && !delimiters.Contains(text[end])) end++;
            tokens.Add(text[i..end]);
            i = end;
        }
        return tokens;
    }

    internal static CanvasException Refused(string what) => new($"cairo wrote an image stream this program does not know ({what})");
}
