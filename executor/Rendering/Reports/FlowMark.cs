namespace DeepInsight.Executor.Rendering.Reports;

/// <summary>A place in the page flow: the page, the number of items on it, and the cursor.</summary>
public readonly record struct FlowMark(int Page, int Item, double Y);
