using System.Diagnostics;

namespace DeepInsight.Executor.Tests.Rendering;

/// <summary>Runs a poppler-utils tool (pdftotext, pdffonts, pdfimages, pdfinfo) and returns its standard output.</summary>
public static class Poppler
{
    public static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
        return output.Result;
    }

    public static int PageCount(string pdf) =>
        int.Parse(Run("pdfinfo", pdf).Split('\n').First(l => l.StartsWith("Pages:")).Split(':')[1].Trim());

    /// <summary>The text of the PDF with all whitespace removed, so wrapped lines still match.</summary>
    public static string CompactText(string pdf) => string.Concat(Run("pdftotext", pdf, "-").Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The text without whitespace and without the "N / M" page footers, so text split between pages reads on.</summary>
    public static string CompactBodyText(string pdf) => string.Concat(
        Run("pdftotext", pdf, "-").Split('\n').Where(l => !System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*\d+\s*/\s*\d+\s*$"))
            .SelectMany(l => l).Where(c => !char.IsWhiteSpace(c) && c != '\f'));

    /// <summary>Image rows of `pdfimages -list` (after its two header lines).</summary>
    public static int ImageCount(string pdf) => Run("pdfimages", "-list", pdf).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 2;
}
