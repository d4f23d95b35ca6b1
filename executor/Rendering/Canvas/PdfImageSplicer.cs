using System.Text;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>
/// Puts the prepared streams of the images drawn on one PDF document into the finished file, in
/// place of the placeholder JPEG data cairo wrote for them (see <see cref="PdfImageStream"/>).
/// Every change keeps its length, so the cross-reference offsets and the stream lengths cairo
/// wrote stay right, whether it wrote a classic xref table (cairo 1.16) or compressed object and
/// cross-reference streams (cairo 1.18).
/// </summary>
internal sealed class PdfImageSplicer
{
    private readonly HashSet<PdfImageStream> _streams = [];

    /// <summary>Called before <paramref name="image"/> is drawn: it will go in as its prepared stream.</summary>
    public void Prepare(CanvasImage image)
    {
        if (image.PdfStream is not { } stream) return;
        image.AttachPdfPlaceholder();
        _streams.Add(stream);
    }

    /// <summary>
    /// Rewrites every placeholder in the PDF at <paramref name="path"/> and returns how many it
    /// found. An image cairo wrote from its pixels instead (its placeholder was removed before it
    /// was drawn) has nothing to rewrite and is right as it is.
    /// </summary>
    public int Splice(string path)
    {
        if (_streams.Count == 0) return 0;
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        var pdf = new byte[RandomAccess.GetLength(file)];
        for (int read = 0, n; read < pdf.Length; read += n)
            if ((n = RandomAccess.Read(file, pdf.AsSpan(read), read)) == 0) throw new CanvasException("cannot read back the PDF");
        var spliced = 0;
        foreach (var stream in _streams)
        {
            for (var from = 0; pdf.AsSpan(from).IndexOf(stream.Marker) is >= 0 and var found; from += found + stream.Marker.Length)
            {
                var start = from + found - (PdfImageStream.PlaceholderPrefixLength - stream.Marker.Length);
                var (dictionaryStart, dictionary) = Dictionary(pdf, start, stream);
                var rewritten = Encoding.ASCII.GetBytes(PdfStreamDictionary.Rewrite(dictionary, stream.Width, stream.Height));
                RandomAccess.Write(file, rewritten, dictionaryStart);
                RandomAccess.Write(file, stream.Deflated.AsSpan(0, PdfImageStream.PlaceholderPrefixLength), start);
                spliced++;
            }
        }
        // This engine never puts real JPEG data in a PDF: every /DCTDecode cairo wrote is a
        // placeholder, and one left unspliced (a cairo that filters the data it was given, so
        // the marker is not found) would ship as an image of garbage rather than fail.
        var placeholders = Occurrences(pdf, "/DCTDecode"u8);
        if (placeholders != spliced)
            throw new CanvasException($"{placeholders - spliced} of {placeholders} image placeholders could not be replaced in the PDF");
        return spliced;
    }

    private static int Occurrences(ReadOnlySpan<byte> text, ReadOnlySpan<byte> word)
    {
        var count = 0;
        for (int at; (at = text.IndexOf(word)) >= 0; text = text[(at + word.Length)..]) count++;
        return count;
    }

    /// <summary>
    /// The stream dictionary (from "&lt;&lt;" to "&gt;&gt;") of the stream whose data starts at
    /// <paramref name="start"/>, after checking that the data there is this image's placeholder.
    /// </summary>
    private static (long Start, string Text) Dictionary(byte[] pdf, int start, PdfImageStream stream)
    {
        if (start < 0 || !pdf.AsSpan(start).StartsWith(stream.JpegHeader())) throw PdfStreamDictionary.Refused("placeholder header");
        // "stream" then CRLF or LF, then the data (PDF 32000-1, 7.3.8.1).
        var keyword = start - "stream\n".Length;
        if (keyword > 0 && pdf[start - 1] == '\n' && pdf[start - 2] == '\r') keyword--;
        if (keyword < 0 || !pdf.AsSpan(keyword).StartsWith("stream"u8)) throw PdfStreamDictionary.Refused("stream keyword");
        var end = keyword;
        while (end > 0 && char.IsWhiteSpace((char)pdf[end - 1])) end--;
        if (end < 2 || !pdf.AsSpan(end - 2).StartsWith(">>"u8)) throw PdfStreamDictionary.Refused("end of the stream dictionary");
        // The object's header "N G obj" is the last before the stream, and its dictionary opens right after it.
        var header = pdf.AsSpan(0, end).LastIndexOf(" obj"u8);
        var open = header < 0 ? -1 : pdf.AsSpan(header, end - header).IndexOf("<<"u8);
        if (open < 0) throw PdfStreamDictionary.Refused("start of the stream dictionary");
        return (header + open, Encoding.ASCII.GetString(pdf, header + open, end - header - open));
    }
}
