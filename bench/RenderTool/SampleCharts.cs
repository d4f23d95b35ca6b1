using DeepInsight.Executor.Rendering.Charts;

namespace DeepInsight.RenderTool;

/// <summary>One chart of every type, built from the sales data.</summary>
public static class SampleCharts
{
    public static IReadOnlyList<(string Name, ChartSpec Spec)> All(IReadOnlyList<Sale> sales)
    {
        var categories = sales.GroupBy(s => s.Category).OrderByDescending(g => g.Sum(s => s.Amount)).Select(g => g.Key).ToArray();
        var dates = sales.Select(s => s.Date).Distinct().Order().ToArray();
        var genders = new[] { "여성", "남성" };
        var ages = sales.Select(s => s.AgeGroup).Distinct().Order().ToArray();
        var topProducts = sales.GroupBy(s => s.Product).OrderByDescending(g => g.Sum(s => s.Amount)).Take(14).ToArray();
        double Sum(Func<Sale, bool> where) => sales.Where(where).Sum(s => s.Amount);
        ChartSeries Series(string name, IEnumerable<double> values) => new() { Name = name, Values = values.ToArray() };
        var dateLabels = dates.Select(d => $"{d.Month}월 {d.Day}일").ToArray();

        return
        [
            ("bar", BarOfCategories(sales)),
            ("barh", new ChartSpec
            {
                Type = "barh", Title = "매출 상위 14개 상품", XLabel = "매출액 (원)",
                Categories = topProducts.Select(g => g.Key).ToArray(),
                Series = [Series("매출액", topProducts.Select(g => g.Sum(s => s.Amount)))], ValueLabels = true,
            }),
            ("stacked_bar", new ChartSpec
            {
                Type = "stacked_bar", Title = "카테고리별 성별 매출 구성", YLabel = "매출액 (원)", Categories = categories,
                Series = genders.Select(g => Series(g, categories.Select(c => Sum(s => s.Category == c && s.Gender == g)))).ToArray(),
            }),
            ("line", new ChartSpec
            {
                Type = "line", Title = "일별 매출 추이 (연령대별)", XLabel = "주문일", YLabel = "매출액 (원)", Categories = dateLabels,
                Series = ages.Select(a => Series(a, dates.Select(d => Sum(s => s.Date == d && s.AgeGroup == a)))).ToArray(),
            }),
            ("area", new ChartSpec
            {
                Type = "area", Title = "일별 판매 수량", XLabel = "주문일", YLabel = "수량 (개)", Categories = dateLabels, ValueLabels = true,
                Series = [Series("판매 수량", dates.Select(d => (double)sales.Where(s => s.Date == d).Sum(s => s.Quantity)))],
            }),
            ("scatter", new ChartSpec
            {
                Type = "scatter", Title = "주문 수량과 금액", XLabel = "수량 (개)", YLabel = "금액 (원)",
                Series = genders.Select(g => new ChartSeries
                {
                    Name = g,
                    X = sales.Where(s => s.Gender == g).Select(s => (double)s.Quantity).ToArray(),
                    Values = sales.Where(s => s.Gender == g).Select(s => s.Amount).ToArray(),
                }).ToArray(),
            }),
            ("pie", new ChartSpec
            {
                Type = "pie", Title = "카테고리별 매출 비중", Categories = categories,
                Series = [Series("매출액", categories.Select(c => Sum(s => s.Category == c)))],
            }),
            ("donut", new ChartSpec
            {
                Type = "donut", Title = "연령대별 매출 비중", Categories = ages, ValueLabels = true,
                Series = [Series("총 매출액", ages.Select(a => Sum(s => s.AgeGroup == a)))],
            }),
            ("histogram", new ChartSpec
            {
                Type = "histogram", Title = "주문 금액 분포", XLabel = "주문 금액 (원)", YLabel = "주문 수",
                Series = genders.Select(g => Series(g, sales.Where(s => s.Gender == g).Select(s => s.Amount))).ToArray(),
            }),
            ("heatmap", new ChartSpec
            {
                Type = "heatmap", Title = "카테고리 × 연령대 매출", XLabel = "카테고리", YLabel = "연령대", Categories = categories, ValueLabels = true,
                Series = ages.Select(a => Series(a, categories.Select(c => Sum(s => s.Category == c && s.AgeGroup == a)))).ToArray(),
            }),
        ];
    }

    /// <summary>The benchmark chart too: 14 Korean category names under a 1200 × 800 bar chart.</summary>
    public static ChartSpec BarOfCategories(IReadOnlyList<Sale> sales)
    {
        var byCategory = sales.GroupBy(s => s.Category).OrderByDescending(g => g.Sum(s => s.Amount)).ToArray();
        return new ChartSpec
        {
            Type = "bar", Title = "카테고리별 매출액 (2025년 5월)", XLabel = "카테고리", YLabel = "매출액 (원)", ValueLabels = true,
            Categories = byCategory.Select(g => g.Key).ToArray(),
            Series = [new ChartSeries { Name = "매출액", Values = byCategory.Select(g => g.Sum(s => s.Amount)).ToArray() }],
        };
    }
}
