using System.Globalization;

namespace DeepInsight.RenderTool;

/// <summary>One order line of the Moon Market sample data set.</summary>
public sealed record Sale(DateOnly Date, string Product, string Category, int Quantity, double Amount, string City, string Gender, string AgeGroup);

/// <summary>Reads moon-market-fresh-food-sales.csv (no quoted fields, so a plain split suffices).</summary>
public static class SalesData
{
    public const string FileName = "moon-market-fresh-food-sales.csv";

    public static IReadOnlyList<Sale> Load(string directory)
    {
        var lines = File.ReadAllLines(Path.Combine(directory, FileName));
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        int Column(string name) => Array.IndexOf(header, name) is >= 0 and var i ? i : throw new InvalidDataException($"column {name} missing");
        var (date, product, category, qty, amount, city, gender, age) =
            (Column("Date"), Column("Product"), Column("Category"), Column("Qty"), Column("Amount"), Column("ship-city"), Column("Gender"), Column("Age Group"));
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f => new Sale(
            DateOnly.ParseExact(f[date], "M/d/yy", CultureInfo.InvariantCulture),
            f[product], f[category], int.Parse(f[qty], CultureInfo.InvariantCulture), double.Parse(f[amount], CultureInfo.InvariantCulture),
            f[city], f[gender] == "F" ? "여성" : "남성", f[age])).ToList();
    }
}
