using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Contract;

/// <summary>
/// The runtime retries /execute on connection errors and non-200 answers: a retry must get the
/// first run's answer, never a second run. Each test's code appends a line to a file of its own,
/// so the file says how often the code really ran.
/// </summary>
public sealed class RetrySafetyTests : IClassFixture<ExecutorFactory>
{
    private readonly ExecutorFactory _factory;

    public RetrySafetyTests(ExecutorFactory factory) => _factory = factory;

    [Fact]
    public async Task The_same_key_twice_runs_once_and_answers_the_same_bytes()
    {
        var file = NewFile();
        var key = Guid.NewGuid().ToString();

        var first = await ExecuteAsync(_factory, AppendLine(file), key);
        var retry = await ExecuteAsync(_factory, AppendLine(file), key);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Text, retry.Text);
        Assert.Single(RunsOf(_factory, file));
    }

    [Fact]
    public async Task A_key_still_running_waits_for_that_run_and_gets_its_answer()
    {
        var file = NewFile();
        var key = Guid.NewGuid().ToString();

        var first = ExecuteAsync(_factory, SlowAppendLine(file), key);
        await WaitUntilStartedAsync(file);
        var retry = await ExecuteAsync(_factory, SlowAppendLine(file), key);

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal("completed", retry.Body.GetProperty("status").GetString());
        Assert.Equal((await first).Text, retry.Text);
        Assert.Single(RunsOf(_factory, file));
    }

    [Fact]
    public async Task A_retry_after_the_first_connection_dropped_gets_the_run_that_went_on()
    {
        var file = NewFile();
        var key = Guid.NewGuid().ToString();
        using var dropped = new CancellationTokenSource();

        var first = ExecuteAsync(_factory, SlowAppendLine(file), key, dropped.Token);
        await WaitUntilStartedAsync(file);
        await dropped.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var retry = await ExecuteAsync(_factory, SlowAppendLine(file), key);

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal("completed", retry.Body.GetProperty("status").GetString());
        Assert.Single(RunsOf(_factory, file));
    }

    [Fact]
    public async Task The_same_body_without_a_key_joins_the_run_still_in_progress()
    {
        var file = NewFile();

        var first = ExecuteAsync(_factory, SlowAppendLine(file));
        await WaitUntilStartedAsync(file);
        var retry = await ExecuteAsync(_factory, SlowAppendLine(file));

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal((await first).Text, retry.Text);
        Assert.Single(RunsOf(_factory, file));
    }

    [Fact]
    public async Task The_same_body_without_a_key_after_the_first_finished_runs_again()
    {
        var file = NewFile();

        var first = await ExecuteAsync(_factory, AppendLine(file));
        var again = await ExecuteAsync(_factory, AppendLine(file));

        Assert.Equal(first.Body.GetProperty("execution_num").GetInt32() + 1, again.Body.GetProperty("execution_num").GetInt32());
        Assert.Equal(2, RunsOf(_factory, file).Length);
    }

    [Fact]
    public async Task A_used_key_with_a_different_body_is_422_and_runs_nothing()
    {
        var file = NewFile();
        var other = NewFile();
        var key = Guid.NewGuid().ToString();

        await ExecuteAsync(_factory, AppendLine(file), key);
        var reused = await ExecuteAsync(_factory, AppendLine(other), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        Assert.Contains("already used with a different request body", reused.Body.GetProperty("error").GetString());
        Assert.False(File.Exists(Path.Combine(_factory.WorkRoot, "artifacts", other)));
    }

    [Fact]
    public async Task A_key_over_255_characters_is_400()
    {
        var answer = await ExecuteAsync(_factory, "print(1)", new string('k', 256));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Idempotency-Key must be one value of at most 255 characters", answer.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_key_whose_answer_was_dropped_is_409_with_its_execution_and_does_not_run_again()
    {
        using var factory = ExecutorFactory.WithSettings(new Dictionary<string, string> { ["EXECUTOR_IDEMPOTENCY_ANSWERS"] = "1" });
        var file = NewFile();

        var first = await ExecuteAsync(factory, AppendLine(file), "first");
        await ExecuteAsync(factory, "print('pushes the first answer out')", "second");
        var retry = await ExecuteAsync(factory, AppendLine(file), "first");

        Assert.Equal(HttpStatusCode.Conflict, retry.Status);
        Assert.Contains("no longer kept", retry.Body.GetProperty("error").GetString());
        Assert.Equal(first.Body.GetProperty("execution_num").GetInt32(), retry.Body.GetProperty("execution_num").GetInt32());
        Assert.Single(RunsOf(factory, file));
    }

    private static string NewFile() => $"retry-{Guid.NewGuid():N}.txt";

    private static string AppendLine(string file) => $"open('artifacts/{file}', 'a').write('ran\\n')";

    /// <summary>Marks that it started, then takes long enough for a retry to arrive while it runs.</summary>
    private static string SlowAppendLine(string file) =>
        $"import time\nopen('artifacts/{file}.started', 'w').close()\ntime.sleep(2)\n{AppendLine(file)}";

    private async Task WaitUntilStartedAsync(string file)
    {
        var marker = Path.Combine(_factory.WorkRoot, "artifacts", file + ".started");
        for (var attempt = 0; attempt < 600 && !File.Exists(marker); attempt++) await Task.Delay(50);
        Assert.True(File.Exists(marker), "The first run did not start");
    }

    private static string[] RunsOf(ExecutorFactory factory, string file) =>
        File.ReadAllLines(Path.Combine(factory.WorkRoot, "artifacts", file));

    private static async Task<(HttpStatusCode Status, string Text, JsonElement Body)> ExecuteAsync(
        ExecutorFactory factory, string code, string? key = null, CancellationToken cancel = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/execute") { Content = JsonContent.Create(new { code }) };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var response = await factory.CreateClient().SendAsync(request, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        return (response.StatusCode, text, await ExecutorFactory.ReadJsonAsync(response));
    }
}
