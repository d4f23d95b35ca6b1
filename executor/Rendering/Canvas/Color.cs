using System.Globalization;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>A straight (not premultiplied) RGBA colour with channels in 0..1.</summary>
public readonly record struct Color(double R, double G, double B, double A = 1.0)
{
    public static readonly Color White = new(1, 1, 1);
    public static readonly Color Black = new(0, 0, 0);

    /// <summary>Parses "#RRGGBB" or "#RRGGBBAA".</summary>
    public static Color FromHex(string hex)
    {
        var digits = hex.TrimStart('#');
        if (digits.Length is not (6 or 8)) throw new FormatException($"colour '{hex}' is not #RRGGBB or #RRGGBBAA");
        double Channel(int index) => int.Parse(digits.AsSpan(index * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
        return new Color(Channel(0), Channel(1), Channel(2), digits.Length == 8 ? Channel(3) : 1.0);
    }

    public Color WithAlpha(double alpha) => this with { A = alpha };

    /// <summary>The colour a fraction <paramref name="t"/> of the way towards <paramref name="other"/>.</summary>
    public Color Mix(Color other, double t) =>
        new(R + (other.R - R) * t, G + (other.G - G) * t, B + (other.B - B) * t, A + (other.A - A) * t);

    /// <summary>Relative luminance (sRGB weights), used to pick readable text on a filled area.</summary>
    public double Luminance => 0.2126 * R + 0.7152 * G + 0.0722 * B;

    /// <summary>"#RRGGBB" for Pango markup attributes.</summary>
    public string ToHex() => $"#{Byte(R):X2}{Byte(G):X2}{Byte(B):X2}";

    private static int Byte(double channel) => (int)Math.Round(Math.Clamp(channel, 0, 1) * 255);
}
