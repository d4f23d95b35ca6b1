namespace DeepInsight.Executor.Storage;

/// <summary>A regular file under artifacts/: its path relative to artifacts/ ('/'-separated) and where it really is.</summary>
public sealed record ArtifactFile(string RelativePath, string FullPath, long Size, DateTimeOffset Modified)
{
    public string ContentType => ContentTypes.For(RelativePath);
}

public enum ArtifactLookupStatus { Found, InvalidPath, NotFound }

public readonly record struct ArtifactLookup(ArtifactLookupStatus Status, ArtifactFile? File);

/// <summary>
/// The session's artifacts/ directory as the download API sees it: a listing of regular files,
/// and lookups of a requested path that never leave the directory, whether by "..", an absolute
/// path, a backslash or a symlink pointing out.
/// </summary>
public sealed class ArtifactDirectory
{
    public ArtifactDirectory(WorkRoot workRoot) => Root = workRoot.ArtifactsDirectory;

    public string Root { get; }

    /// <summary>Regular files only, as the upload takes them: a symlink could point anywhere on the machine.</summary>
    public IReadOnlyList<ArtifactFile> List()
    {
        if (!Directory.Exists(Root)) return [];
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return new DirectoryInfo(Root).EnumerateFiles("*", options)
            .Select(file => new ArtifactFile(Path.GetRelativePath(Root, file.FullName), file.FullName, file.Length, file.LastWriteTimeUtc))
            .OrderBy(file => file.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    public ArtifactLookup Find(string requested)
    {
        // A backslash is a separator to Windows clients and to some URL normalisers: refusing it
        // keeps one meaning for every path. Absolute paths never name an artifact.
        if (requested.Length == 0 || requested.Contains('\\') || requested.StartsWith('/'))
            return new(ArtifactLookupStatus.InvalidPath, null);
        if (ConfinedPath.Join(Root, requested) is not { } lexical)
            return new(ArtifactLookupStatus.InvalidPath, null);
        if (ConfinedPath.RealPath(lexical) is not { } real || ConfinedPath.RealPath(Root) is not { } realRoot)
            return new(ArtifactLookupStatus.NotFound, null);
        if (!ConfinedPath.IsWithin(realRoot, real))
            return new(ArtifactLookupStatus.InvalidPath, null);
        var info = new FileInfo(real);
        return info.Exists
            ? new(ArtifactLookupStatus.Found, new ArtifactFile(Path.GetRelativePath(Root, lexical), real, info.Length, info.LastWriteTimeUtc))
            : new(ArtifactLookupStatus.NotFound, null);
    }
}
