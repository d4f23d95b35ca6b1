using DeepInsight.Executor.Storage;

namespace DeepInsight.Executor.Rendering;

/// <summary>
/// Turns client-given relative paths into real paths inside the work root, refusing absolute
/// paths, ".." and symbolic links that lead out. Checks use the real (link-resolved) paths.
/// </summary>
public sealed class RenderPathResolver(string workRoot)
{
    public const string ArtifactsDirectory = "artifacts";

    /// <summary>
    /// The full path for an output file under artifacts/, with its directory created. Returns the
    /// path relative to the work root as well, for the response.
    /// </summary>
    public (string FullPath, string RelativePath) ResolveOutput(string? output)
    {
        if (string.IsNullOrWhiteSpace(output)) Fail("output is required: a path under artifacts/");
        var relative = Relative("output", output);
        var parts = relative.Split('/');
        if (parts.Length < 2 || parts[0] != ArtifactsDirectory)
            Fail($"output '{output}' must be a file under {ArtifactsDirectory}/");
        var root = RealRoot();
        // The root is a real path, so a real artifacts directory is exactly this; a link in its place resolves elsewhere.
        var artifacts = Path.Combine(root, ArtifactsDirectory);
        var directory = Path.GetDirectoryName(Path.Combine(root, relative))!;
        // Check the deepest directory that exists before creating any, so none is made through a
        // link that leads out; check again after creating them.
        var existing = directory;
        while (!Directory.Exists(existing)) existing = Path.GetDirectoryName(existing)!;
        if (existing != root && !ConfinedPath.IsWithin(artifacts, Real(existing)))
            Fail($"output '{output}' leads outside {ArtifactsDirectory}/");
        Directory.CreateDirectory(directory);
        if (!ConfinedPath.IsWithin(artifacts, Real(directory)))
            Fail($"output '{output}' leads outside {ArtifactsDirectory}/");
        var full = Path.Combine(directory, parts[^1]);
        if (new FileInfo(full).LinkTarget is not null) Fail($"output '{output}' is a symbolic link");
        if (Directory.Exists(full)) Fail($"output '{output}' is a directory");
        return (full, relative);
    }

    /// <summary>The real path of an existing file inside the work root (report images).</summary>
    public string ResolveInput(string what, string path)
    {
        var relative = Relative(what, path);
        var root = RealRoot();
        var real = ConfinedPath.RealPath(Path.Combine(root, relative));
        if (real is null || !File.Exists(real)) Fail($"{what} '{path}' not found");
        if (real == root || !ConfinedPath.IsWithin(root, real)) Fail($"{what} '{path}' leads outside the work root");
        return real;
    }

    private string RealRoot() => ConfinedPath.RealPath(workRoot) ?? Fail<string>($"work root '{workRoot}' does not exist");

    private static string Real(string path) => ConfinedPath.RealPath(path) ?? path;

    /// <summary>A normalised relative path with '/' separators; paths under /app mean the work root, as elsewhere in the executor.</summary>
    private static string Relative(string what, string path)
    {
        var normalised = path.Replace('\\', '/').Trim();
        if (normalised.StartsWith(WorkRoot.ContainerRoot + "/", StringComparison.Ordinal)) normalised = normalised[(WorkRoot.ContainerRoot.Length + 1)..];
        if (normalised.StartsWith('/') || normalised.Contains('\0'))
            Fail($"{what} '{path}' must be a relative path");
        var parts = normalised.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Contains("..")) Fail($"{what} '{path}' must not contain '..'");
        if (parts.Length == 0) Fail($"{what} '{path}' is empty");
        return string.Join('/', parts);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string message) => throw new RenderValidationException(message);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static T Fail<T>(string message) => throw new RenderValidationException(message);
}
