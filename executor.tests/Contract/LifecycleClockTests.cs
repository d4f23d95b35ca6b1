using DeepInsight.Executor.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace DeepInsight.Executor.Tests.Contract;

/// <summary>
/// The session's timers and timestamps read the app's TimeProvider: with a fake clock the
/// lifetime cap and the completion grace are reached by moving the clock, not by waiting for
/// them (the process tests in LifecycleProcessTests check the same with the real clock).
/// </summary>
public sealed class LifecycleClockTests
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(60);
    /// <summary>A day no real clock shows while these tests run, so a timestamp from it can only come from the fake.</summary>
    private static readonly DateTimeOffset FakeStart = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public async Task Passing_the_lifetime_cap_on_the_apps_clock_uploads_the_session_and_stops_the_app()
    {
        var clock = new FakeTimeProvider(FakeStart);
        using var factory = new ClockedFactory(clock, new Dictionary<string, string> { ["EXECUTOR_MAX_LIFETIME_SECONDS"] = "3600" });
        var body = await factory.ExecuteAsync("print('before the cap')");
        Assert.Equal("completed", body.GetProperty("status").GetString());

        clock.Advance(TimeSpan.FromSeconds(3601));

        await WaitForStopAsync(factory);
        using var status = System.Text.Json.JsonDocument.Parse(
            await File.ReadAllBytesAsync(Path.Combine(factory.StoreSessionPath, "debug", "session_status.json")));
        Assert.Equal(FakeStart, status.RootElement.GetProperty("start_time").GetDateTimeOffset());
        Assert.Equal(FakeStart.AddSeconds(3601), status.RootElement.GetProperty("end_time").GetDateTimeOffset());
        Assert.True(File.Exists(Path.Combine(factory.StoreSessionPath, "debug", "execution_1.json")));
    }

    [Fact]
    public async Task The_completion_grace_runs_on_the_apps_clock_from_the_sessions_end()
    {
        var clock = new FakeTimeProvider(FakeStart);
        using var factory = new ClockedFactory(clock, new Dictionary<string, string> { ["EXECUTOR_POST_COMPLETE_GRACE_SECONDS"] = "600" });
        var (response, completed) = await factory.PostAsync("/session/complete", new { });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(completed.GetProperty("upload_completed").GetBoolean());

        clock.Advance(TimeSpan.FromSeconds(601));

        await WaitForStopAsync(factory);
    }

    private static async Task WaitForStopAsync(ExecutorFactory factory)
    {
        var stopping = factory.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        try
        {
            await Task.Delay(StopLimit, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping: what the test waits for.
        }
        Assert.True(stopping.IsCancellationRequested, $"the app did not stop within {StopLimit}");
    }

    private sealed class ClockedFactory(TimeProvider clock, IDictionary<string, string> settings) : ExecutorFactory(settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}
