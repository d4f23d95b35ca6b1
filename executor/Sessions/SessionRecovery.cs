using DeepInsight.Executor.Execution.Core;
using DeepInsight.Executor.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// The crash-only start. A first start begins a new session and writes its identity to the
/// journal. A server the supervisor restarted after a crash (EXECUTOR_RESTARTS above 0) takes
/// the session its predecessor left in the work root instead: the same id and start time, every
/// execution record, the numbering after the highest number handed out, the upload state; each
/// execution that was queued or running at the crash gets its record now, failed with
/// <c>ServerRestarted</c> (its processes died with the server: the supervisor kills what the
/// server left). As a hosted service it then finishes what the crash interrupted: a completion
/// the execution budget started.
/// </summary>
public sealed class SessionRecovery(SessionState session, SessionCompletion completion, ILogger<SessionRecovery> logger) : IHostedService
{
    public const string ServerRestarted = "ServerRestarted";

    public static SessionState Open(SessionSettings options, WorkRoot workRoot, SessionJournal journal, ExecutionRecordWriter records,
        ContainerAddress address, TimeProvider time, ILogger<SessionRecovery> logger)
    {
        if (options.Restarts == 0 || journal.ReadIdentity() is not { } identity || identity.SessionId != options.SessionId)
        {
            if (options.Restarts > 0)
                logger.LogError("Restart {Restarts} after a crash found no journal of session {SessionId} in {WorkRoot}: starting the session anew",
                    options.Restarts, options.SessionId, workRoot.Path);
            var fresh = new SessionIdentity(options.SessionId, time.GetUtcNow(), null);
            journal.StartFresh(fresh);
            return new SessionState(fresh, options.MaxExecutions);
        }

        var now = time.GetUtcNow();
        var finished = new Dictionary<int, ExecutionSummary>();
        var highest = 0;
        foreach (var (executionNum, path) in records.Existing())
        {
            highest = Math.Max(highest, executionNum);
            if (SessionJournal.TryRead<ExecutionRecord>(path) is { } record) finished[executionNum] = ExecutionSummary.Of(record);
        }
        var interrupted = new List<int>();
        foreach (var (executionNum, pending) in journal.Unrecorded().ToList())
        {
            highest = Math.Max(highest, executionNum);
            if (!finished.ContainsKey(executionNum))
            {
                var record = Interrupted(executionNum, pending, now, address);
                records.Write(record);
                finished[executionNum] = ExecutionSummary.Of(record);
                interrupted.Add(executionNum);
            }
            journal.ExecutionRecorded(executionNum);
        }

        var state = new SessionState(identity, options.MaxExecutions, finished.Values, highest);
        logger.LogWarning("Restart {Restarts} after a crash: session {SessionId} recovered with {Recorded} executions recorded, the next number {Next}; " +
            "in flight at the crash and recorded as ServerRestarted: [{Interrupted}]; uploaded: {Uploaded}",
            options.Restarts, state.SessionId, finished.Count, highest + 1, string.Join(", ", interrupted.Order()), state.IsUploaded);
        return state;
    }

    private static ExecutionRecord Interrupted(int executionNum, ExecutionRecord? pending, DateTimeOffset now, ContainerAddress address)
    {
        // A marker that does not read back was damaged by the code (the server writes it by a rename): its number still gets its record.
        var started = pending ?? new ExecutionRecord(executionNum, now, "", "unknown", "", "", "", null, 0, address.PrivateIp);
        var error = new ExecutionError(ServerRestarted,
            "The executor server stopped (it crashed or was killed) while this execution was queued or running, and was restarted; " +
            "the execution's processes were stopped with it and its output is lost. Run the code again if its work is still needed.");
        return started with
        {
            Status = ExecutionOutcome.Failed,
            Error = error,
            DurationMs = Math.Max(0, (long)(now - started.Timestamp).TotalMilliseconds),
        };
    }

    /// <summary>A session whose budget was used up before the crash was completing: that upload runs again.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (session.IsComplete && !session.IsUploaded)
        {
            logger.LogInformation("The recovered session had used up its execution budget: completing it");
            _ = completion.CompleteAsync(CancellationToken.None);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
