using System.Collections.Concurrent;
using System.Diagnostics;
using DeepInsight.Executor.Storage;
using DeepInsight.Executor.Telemetry;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sessions;

/// <summary>How a sync runs: in the background during the session, when the task starts stopping, or as part of completion.</summary>
public enum SyncPass
{
    /// <summary>4 files at a time, one attempt each, stops at the first failure (the next pass retries), never deletes.</summary>
    Background,
    /// <summary>8 files at a time, each retried with backoff, and objects whose local file is gone are deleted.</summary>
    Completion,
    /// <summary>As Completion, without the status file: what is on disk when the task starts stopping (see SessionStop).</summary>
    Salvage,
}

/// <summary>What one pass did; Failed names the keys that did not make it.</summary>
public sealed record SyncReport(int Uploaded, int Deleted, int Unchanged, IReadOnlyList<string> Failed, long ElapsedMs)
{
    public bool Succeeded => Failed.Count == 0;
}

/// <summary>
/// Incremental upload of the session layout (execution records, artifacts/, data/): remembers
/// what it put in the store (key → size and last-write time) and sends only new or changed files.
/// Passes are serialised, so at most one runs, and a completion waits for a running background
/// pass. The status file is never part of a pass: completion writes it last, under the same lock
/// (see <see cref="SyncAsync"/>), so its presence still means "complete".
/// </summary>
public sealed class SessionSync
{
    private const int BackgroundParallelism = 4;
    private const int CompletionParallelism = 8;
    private const int CompletionAttempts = 3;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Filesystem timestamps advance in coarse ticks (a few ms on Linux), so a file rewritten with
    /// the same size in the tick of its upload would look unchanged. A file modified this recently
    /// when its upload starts is uploaded but not remembered: the next pass sends it again.
    /// </summary>
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(1);

    private readonly SessionUploadLayout _layout;
    private readonly IArtifactStore _store;
    private readonly SessionJournal _journal;
    private readonly ExecutorTelemetry _telemetry;
    private readonly ILogger<SessionSync> _logger;
    private readonly SemaphoreSlim _onePass = new(1, 1);
    /// <summary>Every key this sync put in the store, with the version it sent; null when that version is unknown (racy or failed re-upload).</summary>
    private readonly ConcurrentDictionary<string, FileStamp?> _uploaded = new(StringComparer.Ordinal);

    public SessionSync(SessionUploadLayout layout, IArtifactStore store, SessionJournal journal, ExecutorTelemetry telemetry, ILogger<SessionSync> logger)
    {
        _layout = layout;
        _store = store;
        _journal = journal;
        _telemetry = telemetry;
        _logger = logger;
        // What a crashed predecessor put in the store (empty for a new session): not sent again, deleted when its file goes.
        foreach (var (key, stamp) in journal.ReadUploads()) _uploaded[key] = stamp;
    }

    /// <summary>
    /// Runs one pass once any running pass has finished (or skips it when skipIf says so, checked
    /// under the lock). When the pass succeeds, afterwards runs still holding the lock, so no
    /// background pass can write between the pass and it.
    /// </summary>
    public async Task<SyncReport> SyncAsync(SyncPass pass, CancellationToken cancellationToken,
        Func<CancellationToken, Task>? afterwards = null, Func<bool>? skipIf = null)
    {
        await _onePass.WaitAsync(cancellationToken);
        try
        {
            if (skipIf?.Invoke() == true) return new SyncReport(0, 0, 0, [], 0);
            var report = await PassAsync(pass, cancellationToken);
            if (report.Succeeded && afterwards is not null) await afterwards(cancellationToken);
            return report;
        }
        finally
        {
            _onePass.Release();
        }
    }

    /// <summary>Puts one item, retried with backoff up to attempts times; false when it never made it.</summary>
    public async Task<bool> PutAsync(UploadItem item, int attempts, CancellationToken cancellationToken)
    {
        var put = await WithRetriesAsync(item.Key, "Upload", attempts, token => item.Bytes is not null
            ? _store.PutBytesAsync(item.Key, item.Bytes, item.ContentType, token)
            : _store.PutFileAsync(item.Key, item.LocalPath!, item.ContentType, token), cancellationToken);
        if (!put) _telemetry.UploadFailed();
        else _telemetry.Uploaded(item.Bytes?.LongLength ?? FileStamp.Of(item.LocalPath!)?.Size ?? 0);
        return put;
    }

    private async Task<SyncReport> PassAsync(SyncPass pass, CancellationToken cancellationToken)
    {
        using var activity = _telemetry.StartUpload("session.sync", _layout.SessionId, PassName(pass));
        var clock = Stopwatch.StartNew();
        var background = pass == SyncPass.Background;
        var attempts = background ? 1 : CompletionAttempts;
        var files = _layout.Files();
        var present = new HashSet<string>(files.Select(f => f.Key), StringComparer.Ordinal);
        var changed = new List<(UploadItem Item, FileStamp Stamp, bool Racy)>();
        var now = DateTime.UtcNow;
        var unchanged = 0;
        foreach (var item in files)
        {
            var stamp = FileStamp.Of(item.LocalPath!);
            if (stamp is null) continue; // Gone between the listing and now: treated as deleted next pass.
            if (_uploaded.TryGetValue(item.Key, out var known) && known is not null && known == stamp) unchanged++;
            else changed.Add((item, stamp, now - stamp.LastWriteUtc < RacyWindow));
        }

        // Known before they are sent, and on disk: a server restarted after a crash in this pass
        // still deletes at completion an object whose local file is gone by then.
        foreach (var file in changed) _uploaded.TryAdd(file.Item.Key, null);
        if (changed.Count > 0) _journal.WriteUploads(_uploaded);

        var failed = new ConcurrentBag<string>();
        var uploaded = 0;
        using var stopOnFailure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(changed,
                new ParallelOptions { MaxDegreeOfParallelism = background ? BackgroundParallelism : CompletionParallelism, CancellationToken = stopOnFailure.Token },
                async (file, token) =>
                {
                    // The stamp was taken before the bytes are read: a write during the upload changes it, so the file goes again next pass.
                    if (await PutAsync(file.Item, attempts, token))
                    {
                        Interlocked.Increment(ref uploaded);
                        _uploaded[file.Item.Key] = file.Racy ? null : file.Stamp;
                    }
                    else
                    {
                        // This or an earlier version may be in the store: kept as known, so a later local delete removes it.
                        _uploaded[file.Item.Key] = null;
                        failed.Add(file.Item.Key);
                        // A background pass gives up at the first failure (S3 down, most likely); the next pass retries.
                        if (background) await stopOnFailure.CancelAsync();
                    }
                });
        }
        catch (OperationCanceledException) when (background && !cancellationToken.IsCancellationRequested)
        {
        }

        var deleted = 0;
        if (!background && failed.IsEmpty)
        {
            // The final layout equals the local state: an object whose file was deleted after its upload goes too.
            foreach (var key in _uploaded.Keys.Where(key => !present.Contains(key)).Order(StringComparer.Ordinal).ToList())
            {
                if (await WithRetriesAsync(key, "Delete", attempts, token => _store.DeleteAsync(key, token), cancellationToken))
                {
                    _uploaded.TryRemove(key, out _);
                    deleted++;
                }
                else failed.Add(key);
            }
        }

        if (changed.Count > 0 || deleted > 0) _journal.WriteUploads(_uploaded);
        var report = new SyncReport(uploaded, deleted, unchanged, [.. failed.Order(StringComparer.Ordinal)], clock.ElapsedMilliseconds);
        activity?.SetTag(ExecutorTelemetry.Tags.Uploaded, report.Uploaded).SetTag(ExecutorTelemetry.Tags.Failed, report.Failed.Count);
        var level = report.Succeeded ? LogLevel.Information : LogLevel.Warning;
        _logger.Log(level, "{Pass} sync to {Store}: {Uploaded} uploaded, {Deleted} deleted, {Unchanged} unchanged, {FailedCount} failed in {ElapsedMs} ms",
            pass, _store.Description, report.Uploaded, report.Deleted, report.Unchanged, report.Failed.Count, report.ElapsedMs);
        return report;
    }

    private static string PassName(SyncPass pass) => pass switch
    {
        SyncPass.Background => "background",
        SyncPass.Salvage => "salvage",
        _ => "completion",
    };

    private async Task<bool> WithRetriesAsync(string key, string what, int attempts, Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var backoff = FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await operation(cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= attempts)
                {
                    _logger.LogWarning(ex, "{What} of {Key} failed after {Attempts} attempts", what, key, attempt);
                    return false;
                }
                await Task.Delay(backoff, cancellationToken);
                backoff *= 2;
            }
        }
    }
}

/// <summary>What identifies a version of a local file: its size and last write time.</summary>
public sealed record FileStamp(long Size, DateTime LastWriteUtc)
{
    public static FileStamp? Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : null;
    }
}
