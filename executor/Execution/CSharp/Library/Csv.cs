using CsvHelper;

namespace DeepInsight.Executor.Execution.CSharp.Library;

/// <summary>CSV files for scripts: <c>foreach (var r in Csv.Read("data/sales.csv")) Console.WriteLine(r.Category);</c></summary>
public static class Csv
{
    /// <summary>
    /// Every record of a CSV file with a header row, as dynamic <see cref="CsvRow"/>s. CsvHelper's
    /// defaults are lenient like a spreadsheet: the separator is detected, a BOM is honored, short
    /// records read as "" and malformed quoting is recovered. Relative paths are under the work root.
    /// </summary>
    public static List<dynamic> Read(string path)
    {
        using var csv = CsvReader.FromFile(path, CsvReaderOptions.Default);
        var columns = new CsvColumns(csv.Headers.ToArray());
        var rows = new List<dynamic>();
        while (csv.Read())
        {
            var values = new string[columns.Names.Count];
            for (var i = 0; i < values.Length; i++) values[i] = csv.GetString(i);
            rows.Add(new CsvRow(columns, values));
        }
        return rows;
    }
}
