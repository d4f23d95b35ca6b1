using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Contract;

/// <summary>A session of its own, so the numbers it hands out can be checked exactly.</summary>
public sealed class ExecutionNumberingTests : IDisposable
{
    private readonly ExecutorFactory _factory = new();

    [Fact]
    public async Task Concurrent_requests_get_numbers_one_to_n_without_gaps_or_repeats()
    {
        const int count = 16;
        var bodies = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            _factory.ExecuteAsync(i % 2 == 0 ? $"print({i})" : $"BASH: echo {i}")));

        Assert.Equal(Enumerable.Range(1, count), bodies.Select(b => b.GetProperty("execution_num").GetInt32()).Order());
        for (var i = 0; i < count; i++)
            Assert.Equal($"{i}\n", bodies[i].GetProperty("stdout").GetString());
        var health = await ExecutorFactory.ReadJsonAsync(await _factory.CreateClient().GetAsync("/health"));
        Assert.Equal(count, health.GetProperty("executions_completed").GetInt32());
    }

    public void Dispose() => _factory.Dispose();
}
