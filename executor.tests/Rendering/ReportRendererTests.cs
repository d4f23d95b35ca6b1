using DeepInsight.Executor.Rendering;
using DeepInsight.Executor.Rendering.Canvas;
using DeepInsight.Executor.Rendering.Charts;
using DeepInsight.Executor.Rendering.Reports;

namespace DeepInsight.Executor.Tests.Rendering;

public sealed class ReportRendererTests : IDisposable
{
    private readonly RenderTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string ImagePath(string name) => File.Exists(_dir.PathOf(name)) ? _dir.PathOf(name) : throw new RenderValidationException($"image '{name}' not found");

    private static string Table(int rows) =>
        "| 순위 | 상품 | 매출액 |\n|:---:|---|---:|\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"| {i} | 상품{i:D2} | {i * 1000:N0} |\n"));

    [Fact]
    public void Report_embeds_fonts_text_tables_and_charts()
    {
        ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For("bar")), ChartFormat.Png, _dir.PathOf("bar.png"));
        ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For("pie")), ChartFormat.Png, _dir.PathOf("pie.png"));
        var markdown = $"""
            ## 요약

            이 보고서는 **굵은 글씨**와 *기울임*, `인라인 코드`, [링크](https://example.invalid)를 담고 있습니다.

            - 첫째 항목
              1. 중첩된 번호 항목
            - 둘째 항목

            > 인용문입니다.

            ![막대 차트](bar.png)

            {Table(15)}

            ```python
            print("안녕하세요")
            ```

            ---

            ![원형 차트](pie.png)
            """;
        var path = _dir.PathOf("report.pdf");

        var result = ReportRenderer.Render("월간 매출 보고서", markdown, path, ImagePath);

        Assert.Equal(Poppler.PageCount(path), result.Pages);
        Assert.True(result.Pages >= 2);
        var fonts = Poppler.Run("pdffonts", path);
        Assert.Matches(@"[A-Z]{6}\+NanumGothic\s", fonts);
        Assert.Contains("+NanumGothicCoding", fonts);
        var text = Poppler.CompactText(path);
        foreach (var expected in new[] { "월간매출보고서", "굵은글씨", "중첩된번호항목", "인용문입니다", "상품15", "15,000", "print(\"안녕하세요\")", "막대차트", $"1/{result.Pages}" })
            Assert.Contains(expected, text);
        Assert.Equal(2, Poppler.ImageCount(path));
    }

    [Fact]
    public void Images_are_embedded_once_at_print_resolution()
    {
        ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For("bar") with { Width = 1600, Height = 800 }), ChartFormat.Png, _dir.PathOf("wide.png"));
        ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For("pie") with { Width = 300, Height = 200 }), ChartFormat.Png, _dir.PathOf("small.png"));
        var path = _dir.PathOf("images.pdf");

        ReportRenderer.Render("그림", "![넓은 차트](wide.png)\n\n![작은 차트](small.png)\n\n![넓은 차트 다시](wide.png)", path, ImagePath);

        // pdfimages -list: page num type width height color comp bpc enc interp object ID ...
        var images = Poppler.Run("pdfimages", "-list", path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(3, images.Count);
        var printWidth = ReportGeometry.Pixels(ReportGeometry.ContentWidth);
        Assert.Equal($"{printWidth}", images[0][3]);
        Assert.InRange(int.Parse(images[0][4]), printWidth / 2, printWidth / 2 + 1);
        Assert.Equal(["300", "200"], images[1][3..5]);
        // The repeated image refers to the same PDF object as the first.
        Assert.Equal(images[0][10], images[2][10]);
        Assert.NotEqual(images[0][10], images[1][10]);
    }

    /// <summary>A chart saved as SVG goes into the report as paths and text: no raster image, its labels searchable.</summary>
    [Fact]
    public void Svg_charts_are_drawn_as_vectors()
    {
        ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For("bar")), ChartFormat.Svg, _dir.PathOf("bar.svg"));
        var path = _dir.PathOf("vector.pdf");

        var result = ReportRenderer.Render("벡터 차트", "## 매출\n\n![막대 차트](bar.svg)\n\n![다시](bar.svg)\n", path, ImagePath);

        Assert.Equal(0, Poppler.ImageCount(path));
        var text = Poppler.CompactText(path);
        Assert.Contains("카테고리별매출", text);
        Assert.Contains("여성", text);
        Assert.Contains("150만", text);
        Assert.Contains("막대차트", text);
        Assert.Contains("NanumGothic", Poppler.Run("pdffonts", path));
        Assert.Equal(Poppler.PageCount(path), result.Pages);
    }

    [Fact]
    public void A_broken_svg_is_named_as_the_problem()
    {
        File.WriteAllText(_dir.PathOf("broken.svg"), "<svg width='10' height='10'><rect");
        File.WriteAllText(_dir.PathOf("sizeless.svg"), "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'/>");

        Assert.Contains("image 'broken.svg': cannot read SVG",
            Assert.Throws<RenderValidationException>(() => ReportRenderer.Render("t", "![](broken.svg)", _dir.PathOf("a.pdf"), ImagePath)).Message);
        Assert.Contains("gives no width and height",
            Assert.Throws<RenderValidationException>(() => ReportRenderer.Render("t", "![](sizeless.svg)", _dir.PathOf("b.pdf"), ImagePath)).Message);
    }

    [Theory]
    [InlineData("table")]
    [InlineData("image")]
    public void A_heading_is_never_left_at_the_bottom_of_a_page(string follower)
    {
        ChartRenderer.Render(ChartSpecValidator.Validate(SampleSpecs.For("pie") with { Width = 600, Height = 400 }), ChartFormat.Png, _dir.PathOf("pie.png"));
        var next = follower == "table" ? "| 첫머리칸 | 값 |\n|---|---:|\n| 가 | 1 |\n| 나 | 2 |" : "![그림설명](pie.png)";
        var path = _dir.PathOf("keep.pdf");
        // Filler of growing length moves the heading down the first page until it reaches the bottom.
        for (var lines = 30; lines <= 60; lines++)
        {
            var filler = "```\n" + string.Join("\n", Enumerable.Range(1, lines).Select(i => $"줄 {i}")) + "\n```";
            ReportRenderer.Render(null, $"{filler}\n\n## 붙어야할제목\n\n{next}\n", path, ImagePath);

            var pages = Poppler.Run("pdftotext", path, "-").Split('\f').Select(p => string.Concat(p.Where(c => !char.IsWhiteSpace(c)))).ToList();
            var heading = pages.FindIndex(p => p.Contains("붙어야할제목"));
            var following = pages.FindIndex(p => p.Contains(follower == "table" ? "첫머리칸" : "그림설명"));
            Assert.True(heading == following, $"with {lines} lines of filler the heading is on page {heading + 1} and what follows on page {following + 1}");
        }
    }

    [Fact]
    public void Links_are_clickable_over_their_text()
    {
        var path = _dir.PathOf("links.pdf");
        var markdown = """
            ## 제목의 [머리링크](https://example.invalid/heading)

            앞 문장 [여기를누르세요](https://example.invalid/a?x=1&y='2') 뒤 문장, <https://example.invalid/auto> 그리고 [스크립트](javascript:alert(1)).

            | 출처 |
            |---|
            | [표 안의 링크](https://example.invalid/cell) |
            """;

        ReportRenderer.Render(null, markdown, path, ImagePath);

        var links = PdfLinks(path);
        Assert.Equal(["https://example.invalid/heading", "https://example.invalid/a?x=1&y='2'", "https://example.invalid/auto", "https://example.invalid/cell"], links.Select(l => l.Uri));
        // pdftotext -bbox: the word's box (from the top) must lie in the link's rectangle (from the bottom).
        var bbox = Poppler.Run("pdftotext", "-bbox", path, "-");
        var word = System.Text.RegularExpressions.Regex.Match(bbox, @"xMin=""([\d.]+)"" yMin=""([\d.]+)"" xMax=""([\d.]+)"" yMax=""([\d.]+)"">여기를누르세요<");
        Assert.True(word.Success, bbox);
        var (x, y) = ((double.Parse(word.Groups[1].Value) + double.Parse(word.Groups[3].Value)) / 2, ReportGeometry.PageHeight - (double.Parse(word.Groups[2].Value) + double.Parse(word.Groups[4].Value)) / 2);
        var rect = links[1].Rect;
        Assert.InRange(x, rect[0], rect[2]);
        Assert.InRange(y, rect[1], rect[3]);
    }

    /// <summary>The link annotations of a PDF (cairo writes them as plain objects): target and /Rect [x1 y1 x2 y2].</summary>
    private static List<(string Uri, double[] Rect)> PdfLinks(string pdf)
    {
        var raw = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(pdf));
        return System.Text.RegularExpressions.Regex.Matches(raw, @"/Rect\s*\[([^\]]*)\].*?/URI\s*\((.*?)\)\s*>>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => (System.Text.RegularExpressions.Regex.Unescape(m.Groups[2].Value.Replace("\\(", "(").Replace("\\)", ")")),
                m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()))
            .ToList();
    }

    [Fact]
    public void Long_tables_continue_on_new_pages_with_the_header_repeated()
    {
        var path = _dir.PathOf("table.pdf");
        var result = ReportRenderer.Render("표", Table(120), path, ImagePath);

        Assert.True(result.Pages >= 3);
        var pages = Enumerable.Range(1, result.Pages).Select(p => Poppler.Run("pdftotext", "-f", $"{p}", "-l", $"{p}", path, "-")).ToList();
        Assert.All(pages, page => Assert.Contains("순위", page));
        Assert.All(Enumerable.Range(1, 120), i => Assert.Single(pages, p => p.Contains($"상품{i:D2}\n") || p.Contains($"상품{i:D2} ")));
    }

    [Fact]
    public void Table_columns_keep_their_alignment_for_short_cells_and_wrapped_ones()
    {
        // Each column holds one cell long enough to wrap and short ones set on one line.
        var longCell = string.Join(" ", Enumerable.Range(1, 40).Select(i => $"말{i}"));
        var markdown = "| 왼쪽 | 가운데 | 오른쪽 |\n|---|:---:|---:|\n" +
                       "| 가 | 하나 | 1 |\n" +
                       "| 나나나 | 둘둘둘둘 | 12,345 |\n" +
                       $"| {longCell} | {longCell} | {longCell} |\n" +
                       "| 다 | 셋 | 9,876,543 |\n";
        var path = _dir.PathOf("aligned.pdf");
        ReportRenderer.Render(null, markdown, path, ImagePath);

        var words = System.Text.RegularExpressions.Regex.Matches(Poppler.Run("pdftotext", "-bbox", path, "-"),
                "<word xMin=\"([\\d.]+)\" yMin=\"[\\d.]+\" xMax=\"([\\d.]+)\"[^>]*>([^<]+)</word>")
            .Select(m => (Text: m.Groups[3].Value, Min: double.Parse(m.Groups[1].Value), Max: double.Parse(m.Groups[2].Value))).ToList();
        (double Min, double Max) Box(string word) => words.Where(w => w.Text == word).Select(w => (w.Min, w.Max)).MaxBy(b => b.Max);
        double Centre(string word) => (Box(word).Min + Box(word).Max) / 2;

        Assert.All(["왼쪽", "나나나", "다"], w => Assert.Equal(Box("가").Min, Box(w).Min, 0.5));
        Assert.All(["하나", "둘둘둘둘", "셋"], w => Assert.Equal(Centre("가운데"), Centre(w), 0.5));
        Assert.All(["12,345", "9,876,543", "오른쪽"], w => Assert.Equal(Box("1").Max, Box(w).Max, 0.5));
        // The wrapped cells end their lines at the same edges as the short ones (the rightmost "말40" is the right column's).
        Assert.Equal(Box("1").Max, Box("말40").Max, 0.5);
    }

    [Fact]
    public void Long_paragraphs_split_between_pages_without_losing_lines()
    {
        var paragraph = string.Join(" ", Enumerable.Range(1, 900).Select(i => $"낱말{i}"));
        var path = _dir.PathOf("long.pdf");
        var result = ReportRenderer.Render(null, paragraph, path, ImagePath);

        Assert.True(result.Pages >= 2);
        var text = Poppler.CompactBodyText(path);
        Assert.Contains("낱말1낱말2", text);
        Assert.Contains("낱말899낱말900", text);
        Assert.Equal(900, System.Text.RegularExpressions.Regex.Matches(text, "낱말").Count);
    }

    [Fact]
    public void Missing_image_is_a_validation_error_and_leaves_no_file()
    {
        var path = _dir.PathOf("missing.pdf");
        var error = Assert.Throws<RenderValidationException>(() => ReportRenderer.Render("t", "![x](nope.png)", path, ImagePath));
        Assert.Contains("nope.png", error.Message);
        Assert.Empty(Directory.GetFiles(_dir.Root));
    }
}
