using DeepInsight.Executor.Execution.Core;
using DeepInsight.Executor.Storage;
using DeepInsight.Executor.Telemetry;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// The path of one /execute request through the session: admission, numbering, the runner
/// of its language, the record on disk, the log event and the metrics, in that order, under
/// one span and one log scope (session, execution number, language). Every admitted
/// execution is counted by the <see cref="ExecutionDrain"/> until its record is written, so a
/// stopping task waits for it and its record makes the final upload.
/// </summary>
public sealed class SessionExecutions(
    SessionState session, ExecutionGate gate, IEnumerable<ICodeRunner> runners,
    ExecutionRecordWriter records, SessionJournal journal, SessionSettings options, WorkRoot workRoot,
    ContainerAddress address, SessionCompletion completion, BackgroundSessionSync backgroundSync,
    ExecutionDrain drain, TimeProvider time, ExecutorTelemetry telemetry, ILogger<SessionExecutions> logger)
{
    private readonly IReadOnlyDictionary<CodeLanguage, ICodeRunner> _runnersByLanguage = runners.ToDictionary(r => r.Language);

    public async Task<ExecutionAttempt> ExecuteAsync(SubmittedCode code)
    {
        if (!_runnersByLanguage.TryGetValue(code.Language, out var runner))
            return ExecutionAttempt.Refused(ExecutionRefusal.LanguageUnavailable);
        if (session.IsComplete) return ExecutionAttempt.Refused(ExecutionRefusal.SessionComplete);
        if (!drain.TryEnter()) return ExecutionAttempt.Refused(ExecutionRefusal.Stopping);
        try
        {
            return await ExecuteAdmittedAsync(code, runner);
        }
        finally
        {
            drain.Exit();
        }
    }

    private async Task<ExecutionAttempt> ExecuteAdmittedAsync(SubmittedCode code, ICodeRunner runner)
    {
        using var ticket = gate.TryEnter();
        if (ticket is null) return ExecutionAttempt.Refused(ExecutionRefusal.QueueFull);
        // Queued or running, a numbered execution has its marker: a restarted server records it as ServerRestarted.
        var admitted = time.GetUtcNow();
        if (!session.TryAssign(num => journal.ExecutionStarted(new ExecutionRecord(num, admitted, ExecutionRecord.CodePreview(code.Source),
                code.CodeType, ExecutionRecord.Running, "", "", null, 0, address.PrivateIp)), out var executionNum))
            return ExecutionAttempt.Refused(ExecutionRefusal.SessionComplete);

        // Every event logged while it runs (launch, compiler, a completion it starts) carries the
        // execution's number and language; every event carries session_id already.
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ExecutionNum"] = executionNum, ["Language"] = code.CodeType });
        using var activity = telemetry.StartExecution(session.SessionId, executionNum, code.CodeType);
        await ticket.WaitTurnAsync();
        var started = time.GetUtcNow();
        var context = new RunContext(session.SessionId, executionNum, workRoot.Path, options.Workspace);
        ExecutionOutcome outcome;
        try
        {
            // Not tied to the request: an execution that was numbered always runs to a record.
            // Only the task's stop cuts it short, and that too ends in a record.
            drain.StopToken.ThrowIfCancellationRequested();
            outcome = await runner.RunAsync(code.Source, context, drain.StopToken);
        }
        catch (OperationCanceledException) when (drain.StopToken.IsCancellationRequested)
        {
            // Stopped before it had a child of its own (waiting for a slot, or its C# compiling): no output yet.
            outcome = new ExecutionOutcome(ExecutionOutcome.Failed, "", "", SandboxOutcomes.TaskStopping(), time.GetUtcNow() - started);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Runner for {CodeType} failed unexpectedly", code.CodeType);
            outcome = new ExecutionOutcome(ExecutionOutcome.Failed, "", "",
                new ExecutionError("ExecutorError", $"The executor failed to run the code: {ex.Message}"),
                time.GetUtcNow() - started);
        }

        var record = new ExecutionRecord(executionNum, started, ExecutionRecord.CodePreview(code.Source), code.CodeType,
            outcome.Status, outcome.Stdout, outcome.Stderr, outcome.Error, (long)outcome.Duration.TotalMilliseconds, address.PrivateIp,
            ExecutionUsage.Of(outcome));
        records.Write(record);
        journal.ExecutionRecorded(executionNum);
        var budgetUsed = session.Finish(ExecutionSummary.Of(record));
        telemetry.ExecutionFinished(activity, code.CodeType, outcome.Status, outcome.Error?.Type, outcome.Duration);

        logger.LogInformation(
            "Execution {ExecutionNum} ({CodeType}) {Status} in {DurationMs} ms{ErrorType}",
            executionNum, code.CodeType, outcome.Status, record.DurationMs,
            outcome.Error is { } error ? $" with {error.Type}" : "");

        if (budgetUsed)
        {
            logger.LogInformation("Execution budget of {MaxExecutions} used up: completing the session", session.MaxExecutions);
            _ = completion.CompleteAsync(CancellationToken.None);
        }
        else backgroundSync.ExecutionFinished();
        return ExecutionAttempt.Ran(record);
    }
}

public enum ExecutionRefusal { None, SessionComplete, QueueFull, LanguageUnavailable, Stopping }

public sealed record ExecutionAttempt(ExecutionRefusal Refusal, ExecutionRecord? Record)
{
    public static ExecutionAttempt Refused(ExecutionRefusal why) => new(why, null);
    public static ExecutionAttempt Ran(ExecutionRecord record) => new(ExecutionRefusal.None, record);
}
