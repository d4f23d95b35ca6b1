using ScottPlot;

namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>
/// Series colours chosen to stay distinguishable with the common colour-vision deficiencies
/// (after Okabe and Ito's set; yellow is left out because it vanishes on white), and a
/// single-hue ramp for heatmaps.
/// </summary>
public static class Palette
{
    private static readonly Color[] Base =
    [
        Color.FromHex("#0072B2"), // blue
        Color.FromHex("#E69F00"), // orange
        Color.FromHex("#009E73"), // bluish green
        Color.FromHex("#D55E00"), // vermillion
        Color.FromHex("#56B4E9"), // sky blue
        Color.FromHex("#CC79A7"), // reddish purple
        Color.FromHex("#7F7F7F"), // grey
        Color.FromHex("#1B3A5C"), // navy
    ];

    /// <summary>Light to dark blue, for heatmaps and their colour bar.</summary>
    public static IColormap Sequential { get; } = new ScottPlot.Colormaps.Custom(
        [Color.FromHex("#F3F8FC"), Color.FromHex("#BCD7EB"), Color.FromHex("#6BA6D3"), Color.FromHex("#2A6BAE"), Color.FromHex("#0E3460")],
        smooth: true);

    /// <summary>The colour of series (or slice) <paramref name="index"/>; past the base set, lighter then darker variants repeat it.</summary>
    public static Color Series(int index)
    {
        var colour = Base[index % Base.Length];
        return (index / Base.Length % 3) switch
        {
            1 => colour.MixedWith(Colors.White, 0.45),
            2 => colour.MixedWith(Colors.Black, 0.35),
            _ => colour,
        };
    }
}
