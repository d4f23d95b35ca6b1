namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>Checks a <see cref="ChartSpec"/> and normalises it; the first problem found is thrown as a <see cref="RenderValidationException"/>.</summary>
public static class ChartSpecValidator
{
    public static ValidChart Validate(ChartSpec spec)
    {
        if (!ChartTypeNames.TryParse(spec.Type, out var type))
            Fail(spec.Type is null
                ? $"type is missing; expected one of: {string.Join(", ", ChartTypeNames.All)}"
                : $"unknown chart type '{spec.Type}'; expected one of: {string.Join(", ", ChartTypeNames.All)}");
        CheckSize("width", spec.Width);
        CheckSize("height", spec.Height);
        var series = ValidateSeries(spec.Series, type);
        var categories = ValidateCategories(spec.Categories, series, type);
        if (type is ChartType.Pie or ChartType.Donut) CheckSlices(series[0]);
        return new ValidChart(
            type,
            Text("title", spec.Title),
            Text("x_label", spec.XLabel),
            Text("y_label", spec.YLabel),
            Text("y2_label", spec.Y2Label),
            categories,
            series,
            spec.Width,
            spec.Height,
            spec.ValueLabels);
    }

    private static void CheckSize(string name, int value)
    {
        if (value is < ChartLimits.MinSize or > ChartLimits.MaxSize)
            Fail($"{name} {value} is out of range {ChartLimits.MinSize}..{ChartLimits.MaxSize}");
    }

    private static string Text(string name, string? value)
    {
        if (value is { Length: > ChartLimits.MaxTextLength }) Fail($"{name} is longer than {ChartLimits.MaxTextLength} characters");
        return value?.Trim() ?? "";
    }

    private static List<SeriesData> ValidateSeries(ChartSeries?[]? given, ChartType type)
    {
        if (given is null || given.Length == 0) Fail("series is empty: give at least one series with values");
        if (given.Length > ChartLimits.MaxSeries) Fail($"too many series: {given.Length} (at most {ChartLimits.MaxSeries})");
        if (type is ChartType.Pie or ChartType.Donut && given.Length != 1)
            Fail($"a {type.Name()} chart takes exactly one series, got {given.Length}");

        var result = new List<SeriesData>(given.Length);
        var points = 0L;
        for (var i = 0; i < given.Length; i++)
        {
            var series = given[i];
            var label = $"series {i + 1}" + (series?.Name is { } n ? $" ('{n}')" : "");
            if (series?.Values is not { Length: > 0 } values) { Fail($"{label} has no values"); return result; }
            CheckFinite(label, "value", values);
            points += values.Length;
            if (points > ChartLimits.MaxPoints) Fail($"too many points: more than {ChartLimits.MaxPoints} values in all series");
            double[]? x = null;
            if (type == ChartType.Scatter)
            {
                x = series.X;
                if (x is null) Fail($"{label} has no x values (a scatter chart needs x and values)");
                if (x.Length != values.Length) Fail($"{label} has {x.Length} x values but {values.Length} values");
                CheckFinite(label, "x value", x);
            }
            var name = Text($"{label} name", series.Name) is { Length: > 0 } named ? named : $"Series {i + 1}";
            result.Add(new SeriesData(name, values, x, Errors(label, series, type), OnRightAxis(label, series.Axis, type)));
        }
        if (result.All(s => s.OnRightAxis)) Fail("every series is on the right axis: keep at least one on the left");
        return result;
    }

    private static double[]? Errors(string label, ChartSeries series, ChartType type)
    {
        if (series.Errors is not { } errors) return null;
        if (!type.TakesErrors()) Fail($"{label} has errors, but a {type.Name()} chart draws no error bars (bar, barh, line, area and scatter do)");
        if (errors.Length != series.Values!.Length) Fail($"{label} has {errors.Length} errors but {series.Values.Length} values");
        CheckFinite(label, "error", errors);
        if (errors.Any(e => e < 0)) Fail($"{label} errors must not be negative");
        return errors;
    }

    private static bool OnRightAxis(string label, string? axis, ChartType type)
    {
        switch (axis?.Trim().ToLowerInvariant())
        {
            case null or "" or "left": return false;
            case "right" when type.TakesRightAxis(): return true;
            case "right": Fail($"{label} is on the right axis, but a {type.Name()} chart has one value axis (bar, line, area and scatter take two)"); return false;
            default: Fail($"{label} axis '{axis}' is unknown; expected left or right"); return false;
        }
    }

    private static void CheckFinite(string label, string what, double[] values)
    {
        for (var j = 0; j < values.Length; j++)
            if (!double.IsFinite(values[j])) Fail($"{label} {what} {j + 1} is not a finite number ({values[j]})");
    }

    private static IReadOnlyList<string> ValidateCategories(string?[]? given, List<SeriesData> series, ChartType type)
    {
        if (!type.UsesCategories()) return [];
        var count = given?.Length ?? series[0].Values.Length;
        if (count > ChartLimits.MaxPoints) Fail($"too many categories: {count} (at most {ChartLimits.MaxPoints})");
        foreach (var (s, i) in series.Select((s, i) => (s, i)))
        {
            if (s.Values.Length == count) continue;
            Fail(given is null
                ? $"series {i + 1} ('{s.Name}') has {s.Values.Length} values but series 1 has {count}"
                : $"series {i + 1} ('{s.Name}') has {s.Values.Length} values but there are {count} categories");
        }
        return given?.Select((c, i) => Text($"category {i + 1}", c)).ToArray()
            ?? Enumerable.Range(1, count).Select(i => i.ToString()).ToArray();
    }

    private static void CheckSlices(SeriesData series)
    {
        if (series.Values.Any(v => v < 0)) Fail("pie and donut values must not be negative");
        if (series.Values.Sum() <= 0) Fail("pie and donut values must not all be zero");
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string message) => throw new RenderValidationException(message);
}
