namespace DeepInsight.Executor.Tests.Rendering;

/// <summary>A fresh temporary directory per test, removed afterwards.</summary>
public sealed class RenderTestDirectory : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("render-test-").FullName;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
