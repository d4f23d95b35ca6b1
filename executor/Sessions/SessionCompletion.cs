using System.Diagnostics;
using DeepInsight.Executor.Storage;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// Uploads the session to the store: in parallel with a bound, each file retried with backoff,
/// failures named in the log. Only a full upload completes the session; otherwise it stays open
/// and a later call tries again. Calls are serialised, and once uploaded every call returns at once.
/// </summary>
public sealed class SessionCompletion
{
    private const int ParallelUploads = 8;
    private const int AttemptsPerFile = 3;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);

    private readonly SessionState _session;
    private readonly SessionUploadLayout _layout;
    private readonly IArtifactStore _store;
    private readonly ILogger<SessionCompletion> _logger;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly TaskCompletionSource _uploaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SessionCompletion(SessionState session, SessionUploadLayout layout, IArtifactStore store, ILogger<SessionCompletion> logger)
    {
        _session = session;
        _layout = layout;
        _store = store;
        _logger = logger;
    }

    /// <summary>Completes when the session has been uploaded in full.</summary>
    public Task Uploaded => _uploaded.Task;

    public async Task<bool> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_session.IsUploaded) return true;
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (_session.IsUploaded) return true;
            return await UploadAsync(cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<bool> UploadAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var files = _layout.Files();
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = ParallelUploads, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                if (!await PutWithRetriesAsync(item, token)) failed.Add(item.Key);
            });

        if (failed.IsEmpty)
        {
            var status = _layout.StatusFile(DateTimeOffset.UtcNow);
            if (await PutWithRetriesAsync(status, cancellationToken))
            {
                _session.MarkUploaded();
                _uploaded.TrySetResult();
                _logger.LogInformation("Session uploaded to {Store}: {FileCount} files in {ElapsedMs} ms",
                    _store.Description, files.Count + 1, clock.ElapsedMilliseconds);
                return true;
            }
            failed.Add(status.Key);
        }
        _logger.LogError("Session upload to {Store} incomplete after {ElapsedMs} ms: {FailedCount} of {FileCount} files failed: {FailedKeys}",
            _store.Description, clock.ElapsedMilliseconds, failed.Count, files.Count + 1, failed.OrderBy(key => key, StringComparer.Ordinal).Take(50).ToArray());
        return false;
    }

    private async Task<bool> PutWithRetriesAsync(UploadItem item, CancellationToken cancellationToken)
    {
        var backoff = FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (item.Bytes is not null)
                    await _store.PutBytesAsync(item.Key, item.Bytes, item.ContentType, cancellationToken);
                else
                    await _store.PutFileAsync(item.Key, item.LocalPath!, item.ContentType, cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= AttemptsPerFile)
                {
                    _logger.LogWarning(ex, "Upload of {Key} failed after {Attempts} attempts", item.Key, attempt);
                    return false;
                }
                await Task.Delay(backoff, cancellationToken);
                backoff *= 2;
            }
        }
    }
}
