using System.Dynamic;

namespace DeepInsight.Executor.Execution.CSharp.Library;

/// <summary>
/// One CSV record. Read as <c>dynamic</c>, each column is a string member (<c>r.Category</c>);
/// any column is also reachable by name (<c>r["ship-city"]</c>) or position (<c>r[0]</c>).
/// </summary>
public sealed class CsvRow : DynamicObject
{
    private readonly CsvColumns _columns;
    private readonly string[] _values;

    public CsvRow(CsvColumns columns, string[] values)
    {
        _columns = columns;
        _values = values;
    }

    public IReadOnlyList<string> Columns => _columns.Names;

    public string this[string column] => _values[_columns.IndexOf(column)];

    public string this[int index] => _values[index];

    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        result = this[binder.Name];
        return true;
    }

    public override IEnumerable<string> GetDynamicMemberNames() => _columns.Names;

    public override string ToString() =>
        "{ " + string.Join(", ", _columns.Names.Select((name, i) => $"{name} = {_values[i]}")) + " }";
}
