namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// The contract's compaction of long output in the /execute response (the record keeps it
/// whole): head and tail lines with a count of what was left out, or a character cut for
/// output with few, long lines.
/// </summary>
public static class OutputCompactor
{
    public const int MaxChars = 8192;
    private const int KeptLines = 3;

    public static string Compact(string output)
    {
        if (output.Length <= MaxChars) return output;
        var lines = output.Split('\n');
        if (lines.Length <= 2 * KeptLines)
            return $"{output[..MaxChars]}...\n\n[Output truncated: {output.Length} chars total]";
        var omitted = lines.Length - 2 * KeptLines;
        return string.Join('\n', lines[..KeptLines])
            + $"\n\n... ({omitted} lines omitted) ...\n\n"
            + string.Join('\n', lines[^KeptLines..])
            + $"\n\n[Output truncated: {output.Length} chars, {lines.Length} lines total]";
    }
}
