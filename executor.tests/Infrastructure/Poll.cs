using System.Diagnostics;

namespace DeepInsight.Executor.Tests.Infrastructure;

/// <summary>
/// Waits for a state the test cannot be told about (a file in the store, a signal taken in).
/// The bound only ends a hung test with a description; it is not a speed check.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static Task UntilAsync(Func<bool> condition, Func<string> describe) =>
        UntilAsync(() => Task.FromResult(condition()), describe);

    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Limit) Assert.Fail($"Not within {Limit.TotalSeconds} s: {describe()}");
            await Task.Delay(100); // Keeps the loop off the shared cores.
        }
    }
}
