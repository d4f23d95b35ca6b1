namespace DeepInsight.RenderTool;

public static class RenderBench
{
    public static void Run(IReadOnlyList<Sale> sales) => throw new NotImplementedException();
}
