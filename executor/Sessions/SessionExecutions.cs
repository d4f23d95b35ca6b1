using DeepInsight.Executor.Storage;
using DeepInsight.Executor.Execution.Core;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// The path of one /execute request through the session: admission, numbering, the runner
/// of its language, the record on disk and the log event, in that order. Every admitted
/// execution is counted by the <see cref="ExecutionDrain"/> until its record is written, so a
/// stopping task waits for it and its record makes the final upload.
/// </summary>
public sealed class SessionExecutions
{
    private readonly SessionState _session;
    private readonly ExecutionGate _gate;
    private readonly IReadOnlyDictionary<CodeLanguage, ICodeRunner> _runners;
    private readonly ExecutionRecordWriter _records;
    private readonly SessionJournal _journal;
    private readonly SessionSettings _options;
    private readonly WorkRoot _workRoot;
    private readonly ContainerAddress _address;
    private readonly SessionCompletion _completion;
    private readonly BackgroundSessionSync _backgroundSync;
    private readonly ExecutionDrain _drain;
    private readonly ILogger<SessionExecutions> _logger;

    public SessionExecutions(SessionState session, ExecutionGate gate, IEnumerable<ICodeRunner> runners,
        ExecutionRecordWriter records, SessionJournal journal, SessionSettings options, WorkRoot workRoot, ContainerAddress address,
        SessionCompletion completion, BackgroundSessionSync backgroundSync, ExecutionDrain drain, ILogger<SessionExecutions> logger)
    {
        _drain = drain;
        _backgroundSync = backgroundSync;
        _session = session;
        _gate = gate;
        _runners = runners.ToDictionary(r => r.Language);
        _records = records;
        _journal = journal;
        _options = options;
        _workRoot = workRoot;
        _address = address;
        _completion = completion;
        _logger = logger;
    }

    public async Task<ExecutionAttempt> ExecuteAsync(SubmittedCode code)
    {
        if (!_runners.TryGetValue(code.Language, out var runner))
            return ExecutionAttempt.Refused(ExecutionRefusal.LanguageUnavailable);
        if (_session.IsComplete) return ExecutionAttempt.Refused(ExecutionRefusal.SessionComplete);
        if (!_drain.TryEnter()) return ExecutionAttempt.Refused(ExecutionRefusal.Stopping);
        try
        {
            return await ExecuteAdmittedAsync(code, runner);
        }
        finally
        {
            _drain.Exit();
        }
    }

    private async Task<ExecutionAttempt> ExecuteAdmittedAsync(SubmittedCode code, ICodeRunner runner)
    {
        using var ticket = _gate.TryEnter();
        if (ticket is null) return ExecutionAttempt.Refused(ExecutionRefusal.QueueFull);
        // Queued or running, a numbered execution has its marker: a restarted server records it as ServerRestarted.
        var admitted = DateTimeOffset.UtcNow;
        if (!_session.TryAssign(num => _journal.ExecutionStarted(new ExecutionRecord(num, admitted, ExecutionRecord.CodePreview(code.Source),
                code.CodeType, ExecutionRecord.Running, "", "", null, 0, _address.PrivateIp)), out var executionNum))
            return ExecutionAttempt.Refused(ExecutionRefusal.SessionComplete);

        await ticket.WaitTurnAsync();
        var started = DateTimeOffset.UtcNow;
        var context = new RunContext(_session.SessionId, executionNum, _workRoot.Path, _options.Workspace);
        ExecutionOutcome outcome;
        try
        {
            // Not tied to the request: an execution that was numbered always runs to a record.
            // Only the task's stop cuts it short, and that too ends in a record.
            _drain.StopToken.ThrowIfCancellationRequested();
            outcome = await runner.RunAsync(code.Source, context, _drain.StopToken);
        }
        catch (OperationCanceledException) when (_drain.StopToken.IsCancellationRequested)
        {
            // Stopped before it had a child of its own (waiting for a slot, or its C# compiling): no output yet.
            outcome = new ExecutionOutcome(ExecutionOutcome.Failed, "", "", SandboxOutcomes.TaskStopping(), DateTimeOffset.UtcNow - started);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Runner for {CodeType} failed unexpectedly", code.CodeType);
            outcome = new ExecutionOutcome(ExecutionOutcome.Failed, "", "",
                new ExecutionError("ExecutorError", $"The executor failed to run the code: {ex.Message}"),
                DateTimeOffset.UtcNow - started);
        }

        var record = new ExecutionRecord(executionNum, started, ExecutionRecord.CodePreview(code.Source), code.CodeType,
            outcome.Status, outcome.Stdout, outcome.Stderr, outcome.Error, (long)outcome.Duration.TotalMilliseconds, _address.PrivateIp);
        _records.Write(record);
        _journal.ExecutionRecorded(executionNum);
        var budgetUsed = _session.Finish(ExecutionSummary.Of(record));

        _logger.LogInformation(
            "Execution {ExecutionNum} ({CodeType}) {Status} in {DurationMs} ms{ErrorType}",
            executionNum, code.CodeType, outcome.Status, record.DurationMs,
            outcome.Error is { } error ? $" with {error.Type}" : "");

        if (budgetUsed)
        {
            _logger.LogInformation("Execution budget of {MaxExecutions} used up: completing the session", _session.MaxExecutions);
            _ = _completion.CompleteAsync(CancellationToken.None);
        }
        else _backgroundSync.ExecutionFinished();
        return ExecutionAttempt.Ran(record);
    }
}

public enum ExecutionRefusal { None, SessionComplete, QueueFull, LanguageUnavailable, Stopping }

public sealed record ExecutionAttempt(ExecutionRefusal Refusal, ExecutionRecord? Record)
{
    public static ExecutionAttempt Refused(ExecutionRefusal why) => new(why, null);
    public static ExecutionAttempt Ran(ExecutionRecord record) => new(ExecutionRefusal.None, record);
}
