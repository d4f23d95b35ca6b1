namespace DeepInsight.Executor.Storage;

/// <summary>The Content-Type by extension that the contract lists, octet-stream otherwise.</summary>
public static class ContentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".json"] = "application/json",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".pdf"] = "application/pdf",
        [".py"] = "text/x-python",
        [".svg"] = "image/svg+xml",
        [".html"] = "text/html",
        [".md"] = "text/markdown",
    };

    public static string For(string path) =>
        ByExtension.TryGetValue(Path.GetExtension(path), out var type) ? type : "application/octet-stream";
}
