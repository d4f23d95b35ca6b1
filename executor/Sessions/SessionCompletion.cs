using System.Diagnostics;
using DeepInsight.Executor.Storage;
using DeepInsight.Executor.Telemetry;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// Uploads the session to the store through <see cref="SessionSync"/>: only what a background
/// pass has not already sent, in parallel with a bound, each file retried with backoff, failures
/// named in the log; the status file last. Only a full upload completes the session; otherwise it stays open
/// and a later call tries again. Calls are serialised, and once uploaded every call returns at once.
/// </summary>
public sealed class SessionCompletion(
    SessionState session, SessionUploadLayout layout, IArtifactStore store, SessionSync sync,
    SessionJournal journal, TimeProvider time, ExecutorTelemetry telemetry, ILogger<SessionCompletion> logger)
{
    private const int StatusAttempts = 3;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly TaskCompletionSource _uploaded = UploadedSignal(session.IsUploaded);

    // A server restarted after the upload: the task still ends after the grace period.
    private static TaskCompletionSource UploadedSignal(bool alreadyUploaded)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (alreadyUploaded) signal.TrySetResult();
        return signal;
    }

    /// <summary>Completes when the session has been uploaded in full.</summary>
    public Task Uploaded => _uploaded.Task;

    public async Task<bool> CompleteAsync(CancellationToken cancellationToken)
    {
        if (session.IsUploaded) return true;
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (session.IsUploaded) return true;
            return await UploadAsync(cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Waits for a running background pass, sends what it left or what changed since (deleting
    /// objects whose file is gone), then the status file, all under the sync's lock.
    /// </summary>
    private async Task<bool> UploadAsync(CancellationToken cancellationToken)
    {
        using var activity = telemetry.StartUpload("session.complete", session.SessionId);
        var clock = Stopwatch.StartNew();
        var statusKey = layout.StatusFile(time.GetUtcNow()).Key;
        var statusUploaded = false;
        var report = await sync.SyncAsync(SyncPass.Completion, cancellationToken, async token =>
        {
            statusUploaded = await sync.PutAsync(layout.StatusFile(time.GetUtcNow()), StatusAttempts, token);
            if (statusUploaded)
            {
                session.MarkUploaded(time.GetUtcNow());
                journal.WriteIdentity(new SessionIdentity(session.SessionId, session.StartTime, session.EndTime));
                _uploaded.TrySetResult();
            }
        });

        if (statusUploaded)
        {
            logger.LogInformation("Session uploaded to {Store}: {Uploaded} files and the status uploaded, {Deleted} deleted, {Unchanged} already there, in {ElapsedMs} ms",
                store.Description, report.Uploaded, report.Deleted, report.Unchanged, clock.ElapsedMilliseconds);
            return true;
        }
        var failed = report.Succeeded ? [statusKey] : report.Failed;
        activity?.SetStatus(ActivityStatusCode.Error, "upload incomplete");
        logger.LogError("Session upload to {Store} incomplete after {ElapsedMs} ms: {FailedCount} files failed: {FailedKeys}",
            store.Description, clock.ElapsedMilliseconds, failed.Count, failed.Take(50).ToArray());
        return false;
    }
}
