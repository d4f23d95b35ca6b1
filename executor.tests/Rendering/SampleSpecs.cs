using DeepInsight.Executor.Rendering.Charts;

namespace DeepInsight.Executor.Tests.Rendering;

/// <summary>Small Korean chart specs of every type for rendering tests.</summary>
public static class SampleSpecs
{
    public static readonly string[] Categories = ["간편식/밀키트/샐러드", "헤어/바디/구강", "건강식품", "과일/견과/쌀", "커피/차", "수산/해산/건어물"];

    public static ChartSpec For(string type) => type switch
    {
        "scatter" => new ChartSpec
        {
            Type = type, Title = "수량과 금액", XLabel = "수량", YLabel = "금액",
            Series = [new ChartSeries { Name = "주문", X = [1, 2, 3, 4, 5], Values = [12_000, 25_000, 31_000, 48_000, 52_000] }],
        },
        "histogram" => new ChartSpec
        {
            Type = type, Title = "주문 금액 분포",
            Series = [new ChartSeries { Name = "금액", Values = Enumerable.Range(0, 200).Select(i => 5000.0 + (i * 7919 % 200) * 250).ToArray() }],
        },
        "box" => new ChartSpec
        {
            Type = type, Title = "성별 주문 금액", YLabel = "금액", ValueLabels = true,
            Series =
            [
                new ChartSeries { Name = "여성", Values = [12_000, 15_000, 18_000, 21_000, 25_000, 26_000, 90_000] },
                new ChartSeries { Name = "남성", Values = [8_000, 11_000, 14_000, 19_000, 22_000] },
            ],
        },
        _ => new ChartSpec
        {
            Type = type, Title = "카테고리별 매출", XLabel = "카테고리", YLabel = "매출액 (원)", Categories = Categories, ValueLabels = true,
            Series =
            [
                new ChartSeries { Name = "여성", Values = [1_500_000, 1_170_000, 970_000, 820_000, 790_000, 720_000] },
                .. type is "pie" or "donut" ? Array.Empty<ChartSeries>() : [new ChartSeries { Name = "남성", Values = [1_550_000, 1_010_000, 820_000, 800_000, 530_000, 470_000] }],
            ],
        },
    };

    public static TheoryData<string> AllTypes => new(ChartTypeNames.All);
}
