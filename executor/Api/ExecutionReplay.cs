using System.Security.Cryptography;
using DeepInsight.Executor.Api.Contracts;
using Microsoft.Extensions.Primitives;

namespace DeepInsight.Executor.Api;

/// <summary>
/// Makes the runtime's retries of /execute safe: it retries up to 3 times on a connection error
/// or any non-200 answer, so a lost answer used to mean the code ran again. Each request has an
/// identity, its <c>Idempotency-Key</c> or, without one, its JSON text, and one identity is run
/// once at a time: a request whose identity is running waits for that run and gets its answer.
/// A keyed run that executed code keeps its answer's bytes for later retries, within a count and
/// a byte budget, the oldest dropped first; the key of a dropped answer is still remembered (up
/// to <see cref="MaxKeys"/>) and a retry of it gets a 409 naming the execution instead of a
/// second run. Without a key nothing is kept once the run ends: the same code sent again later
/// is a new execution, as an agent repeating a step means it. Answers that ran nothing (refusals
/// and validation errors) are not kept either, so a retry of those is judged again.
/// Runs are detached from the request that started them: a dropped connection never cancels an
/// execution that a retry waits for.
/// </summary>
public sealed class ExecutionReplay
{
    public const string KeyHeader = "Idempotency-Key";
    // Stripe's limit: room for any UUID or hash a client makes.
    private const int MaxKeyLength = 255;
    // Keys outlive their answers: 4096 of at most 255 characters are about 1 MB, and more than
    // the 500 executions of a session with the default budget, so in practice none is forgotten.
    private const int MaxKeys = 4096;

    private readonly object _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<Entry> _answersKept = new();
    private readonly Queue<Entry> _keysKept = new();
    private long _bytesKept;
    private readonly int _maxAnswers;
    private readonly long _maxAnswerBytes;
    private readonly ILogger<ExecutionReplay> _logger;

    public ExecutionReplay(ApiOptions options, ILogger<ExecutionReplay> logger)
    {
        // An answer is only found through its key: more answers than keys would be unreachable.
        _maxAnswers = Math.Min(options.IdempotentAnswers, MaxKeys);
        _maxAnswerBytes = options.IdempotentAnswerBytes;
        _logger = logger;
    }

    /// <summary>Who a request is for replay: its slot (key or body), the fingerprint of its JSON text, and its key if any.</summary>
    public readonly record struct Identity(string Slot, byte[] Fingerprint, string? Key);

    /// <summary>The identity of a request, or an error for a key that cannot be one.</summary>
    public static bool TryIdentify(HttpRequest request, byte[] json, out Identity identity, out JsonAnswer? error)
    {
        var fingerprint = SHA256.HashData(json);
        error = null;
        // An empty header is taken as no key, which is what a client sending one means.
        if (!request.Headers.TryGetValue(KeyHeader, out var values) || StringValues.IsNullOrEmpty(values))
        {
            identity = new Identity("body:" + Convert.ToHexString(fingerprint), fingerprint, null);
            return true;
        }
        var key = values.ToString();
        identity = new Identity("key:" + key, fingerprint, key);
        if (values.Count == 1 && key.Length <= MaxKeyLength) return true;
        error = ApiJson.Error(StatusCodes.Status400BadRequest, $"{KeyHeader} must be one value of at most {MaxKeyLength} characters");
        return false;
    }

    /// <summary>The answer of this identity's run: a kept one, the one in progress, or that of a new run of <paramref name="run"/>.</summary>
    public async Task<JsonAnswer> AnswerAsync(Identity identity, Func<Task<RunAnswer>> run)
    {
        Task<RunAnswer> pending;
        lock (_lock)
        {
            if (_entries.TryGetValue(identity.Slot, out var entry))
            {
                if (!entry.Fingerprint.AsSpan().SequenceEqual(identity.Fingerprint))
                    return ApiJson.Error(StatusCodes.Status422UnprocessableEntity,
                        $"{KeyHeader} '{identity.Key}' was already used with a different request body");
                if (entry.Run is not { } kept)
                    return ApiJson.Status(StatusCodes.Status409Conflict, new ErrorResponse(
                        $"The answer to {KeyHeader} '{identity.Key}' (execution {entry.ExecutionNum}) is no longer kept; the code was not run again")
                    {
                        ExecutionNum = entry.ExecutionNum,
                    });
                _logger.LogInformation("{Request} answered by the run {State}",
                    identity.Key is null ? "A repeated request body" : $"{KeyHeader} {identity.Key}",
                    kept.IsCompleted ? "that finished" : "in progress");
                pending = kept;
            }
            else
            {
                entry = new Entry(identity.Slot, identity.Fingerprint, identity.Key is not null);
                _entries.Add(identity.Slot, entry);
                pending = entry.Run = RunDetachedAsync(entry, run);
            }
        }
        return (await pending).Answer;
    }

    private async Task<RunAnswer> RunDetachedAsync(Entry entry, Func<Task<RunAnswer>> run)
    {
        RunAnswer? answer = null;
        try
        {
            // Off the request's flow, so nothing of the request that started it is needed to finish.
            answer = await Task.Run(run);
            return answer;
        }
        finally
        {
            lock (_lock) Settle(entry, answer);
        }
    }

    /// <summary>Keeps the answer of a keyed run that executed code; forgets anything else.</summary>
    private void Settle(Entry entry, RunAnswer? answer)
    {
        if (!entry.Keyed || answer?.ExecutionNum is not { } executionNum)
        {
            _entries.Remove(entry.Slot);
            return;
        }
        entry.ExecutionNum = executionNum;
        entry.AnswerBytes = answer.Answer.Body.Length;
        _answersKept.Enqueue(entry);
        _keysKept.Enqueue(entry);
        _bytesKept += entry.AnswerBytes;
        while (_answersKept.Count > _maxAnswers || _bytesKept > _maxAnswerBytes)
        {
            var oldest = _answersKept.Dequeue();
            oldest.Run = null;
            _bytesKept -= oldest.AnswerBytes;
        }
        while (_keysKept.Count > MaxKeys) _entries.Remove(_keysKept.Dequeue().Slot);
    }

    private sealed class Entry(string slot, byte[] fingerprint, bool keyed)
    {
        public string Slot => slot;
        public byte[] Fingerprint => fingerprint;
        public bool Keyed => keyed;
        /// <summary>The run in progress or its kept answer; null once the answer was dropped.</summary>
        public Task<RunAnswer>? Run { get; set; }
        public int ExecutionNum { get; set; }
        public int AnswerBytes { get; set; }
    }
}

/// <summary>An /execute answer and the execution it ran, null when nothing ran (a refusal or an invalid request).</summary>
public sealed record RunAnswer(JsonAnswer Answer, int? ExecutionNum)
{
    public static RunAnswer NotRun(JsonAnswer answer) => new(answer, null);
}
