using System.Globalization;
using System.Text;

namespace DeepInsight.RenderTool;

/// <summary>A multi-page Korean Markdown report over the sales data, embedding chart PNGs by relative path.</summary>
public static class SampleReport
{
    public const string Title = "문마켓 신선식품 매출 보고서";

    /// <param name="chartPaths">PNG paths relative to the report's image root.</param>
    public static string Markdown(IReadOnlyList<Sale> sales, IReadOnlyList<string> chartPaths, int fillerSections = 4)
    {
        var total = sales.Sum(s => s.Amount);
        var md = new StringBuilder();
        md.AppendLine("## 요약").AppendLine();
        md.AppendLine($"2025년 5월 1일부터 14일까지 **{sales.Count.ToString("N0", CultureInfo.InvariantCulture)}건**의 주문에서 " +
                      $"총 **{total.ToString("N0", CultureInfo.InvariantCulture)}원**의 매출이 발생했습니다. " +
                      "카테고리별, 상품별, 연령대별 추이를 *차트*와 표로 정리했습니다. 데이터 파일은 `moon-market-fresh-food-sales.csv`이며 " +
                      "자세한 정의는 [컬럼 정의](https://example.invalid/columns) 문서를 참고하세요.").AppendLine();
        md.AppendLine("- 분석 기간: 2025년 5월 1일 ~ 14일");
        md.AppendLine("- 주요 지표");
        md.AppendLine("  1. 매출액 (원)");
        md.AppendLine("  2. 판매 수량 (개)");
        md.AppendLine("- 데이터 출처: 문마켓 주문 내역").AppendLine();
        md.AppendLine("> 참고: 금액은 부가세 포함 기준이며, 반품과 취소는 반영되지 않았습니다.").AppendLine();
        foreach (var (path, i) in chartPaths.Select((p, i) => (p, i)))
        {
            md.AppendLine($"## {i + 1}. 차트 {i + 1}").AppendLine();
            md.AppendLine("아래 차트는 같은 데이터에서 만든 것입니다. 막대와 선의 높이는 매출액에 비례합니다.").AppendLine();
            md.AppendLine($"![차트 {i + 1}]({path})").AppendLine();
        }
        md.AppendLine("## 상위 15개 상품").AppendLine();
        md.AppendLine("| 순위 | 상품 | 카테고리 | 수량 | 매출액 (원) |");
        md.AppendLine("|:---:|---|---|---:|---:|");
        var top = sales.GroupBy(s => s.Product).OrderByDescending(g => g.Sum(s => s.Amount)).Take(15);
        foreach (var (g, i) in top.Select((g, i) => (g, i)))
            md.AppendLine($"| {i + 1} | {g.Key} | {g.First().Category} | {g.Sum(s => s.Quantity)} | {g.Sum(s => s.Amount).ToString("N0", CultureInfo.InvariantCulture)} |");
        md.AppendLine();
        md.AppendLine("## 집계 코드").AppendLine();
        md.AppendLine("```python");
        md.AppendLine("import pandas as pd");
        md.AppendLine("df = pd.read_csv('data/moon-market-fresh-food-sales.csv')");
        md.AppendLine("# 카테고리별 매출 합계");
        md.AppendLine("print(df.groupby('Category')['Amount'].sum().sort_values(ascending=False))");
        md.AppendLine("```").AppendLine();
        md.AppendLine("---").AppendLine();
        for (var s = 1; s <= fillerSections; s++)
        {
            md.AppendLine($"## 부록 {s}. 지역별 관찰").AppendLine();
            foreach (var city in sales.GroupBy(x => x.City).OrderByDescending(g => g.Sum(x => x.Amount)).Take(6))
                md.AppendLine($"{city.Key}에서는 {city.Count()}건의 주문이 있었고 매출은 {city.Sum(x => x.Amount).ToString("N0", CultureInfo.InvariantCulture)}원입니다. " +
                              "주말과 평일의 차이, 프로모션 적용 여부, 연령대 구성을 함께 보면 배송 권역별 수요를 더 정확히 예측할 수 있습니다. " +
                              "이 문단은 긴 한국어 문장이 줄 바꿈과 쪽 나눔을 거쳐도 자연스럽게 이어지는지 확인하기 위한 것입니다.").AppendLine();
        }
        return md.ToString();
    }
}
