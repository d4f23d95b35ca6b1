namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>An axis-aligned rectangle in canvas units.</summary>
public readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
    public double CenterX => X + Width / 2;
    public double CenterY => Y + Height / 2;

    public Box TrimTop(double amount) => this with { Y = Y + amount, Height = Math.Max(0, Height - amount) };
    public Box TrimBottom(double amount) => this with { Height = Math.Max(0, Height - amount) };
    public Box TrimLeft(double amount) => this with { X = X + amount, Width = Math.Max(0, Width - amount) };
    public Box TrimRight(double amount) => this with { Width = Math.Max(0, Width - amount) };
}
