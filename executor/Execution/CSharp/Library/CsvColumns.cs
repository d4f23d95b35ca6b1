namespace DeepInsight.Executor.Execution.CSharp.Library;

/// <summary>
/// The header of a CSV file and how a name finds its column: exactly, then ignoring case,
/// then ignoring everything but letters and digits, so <c>r.ship_city</c> and <c>r.AgeGroup</c>
/// reach "ship-city" and "Age Group", which are no C# identifiers.
/// </summary>
public sealed class CsvColumns
{
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ignoringCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _lettersAndDigits = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Names { get; }

    public CsvColumns(IReadOnlyList<string> names)
    {
        Names = names;
        // The first of duplicate names wins, as it does in spreadsheets' lookups.
        for (var i = 0; i < names.Count; i++)
        {
            _exact.TryAdd(names[i], i);
            _ignoringCase.TryAdd(names[i], i);
            _lettersAndDigits.TryAdd(LettersAndDigits(names[i]), i);
        }
    }

    public int IndexOf(string name)
    {
        if (_exact.TryGetValue(name, out var index) || _ignoringCase.TryGetValue(name, out index)
            || _lettersAndDigits.TryGetValue(LettersAndDigits(name), out index))
            return index;
        throw new KeyNotFoundException($"No column '{name}'. Columns: {string.Join(", ", Names)}");
    }

    private static string LettersAndDigits(string name) => string.Concat(name.Where(char.IsLetterOrDigit));
}
