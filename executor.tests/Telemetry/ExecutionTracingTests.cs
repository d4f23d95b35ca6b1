using System.Diagnostics;
using DeepInsight.Executor.Telemetry;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Telemetry;

/// <summary>An /execute is a trace: the HTTP request's span, and under it the execution's, tagged with what ran and how it ended.</summary>
public sealed class ExecutionTracingTests(TracedExecutorFactory factory) : IClassFixture<TracedExecutorFactory>
{
    [Theory]
    [InlineData("print('traced')", "python", "completed", null)]
    [InlineData("raise ValueError('traced')", "python", "failed", "ValueError")]
    [InlineData("BASH: echo traced", "bash", "completed", null)]
    public async Task An_execution_is_a_span_under_its_request_with_its_session_number_language_and_status(
        string code, string language, string status, string? errorType)
    {
        var answer = await factory.ExecuteAsync(code);
        var executionNum = answer.GetProperty("execution_num").GetInt32();

        var (execution, request) = await SpansOfAsync(executionNum);

        Assert.Equal($"execute {language}", execution.DisplayName);
        Assert.Equal(ActivityKind.Internal, execution.Kind);
        Assert.Equal(factory.SessionId, execution.GetTagItem("session.id"));
        Assert.Equal(language, execution.GetTagItem("execution.language"));
        Assert.Equal(status, execution.GetTagItem("execution.status"));
        Assert.Equal(errorType, execution.GetTagItem("execution.error.type"));
        Assert.Equal(request.TraceId, execution.TraceId);
        Assert.Equal("Microsoft.AspNetCore", request.Source.Name);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal("POST", request.GetTagItem("http.request.method"));
        Assert.Equal("/execute", request.GetTagItem("http.route"));
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        // The request's span covers the whole execution.
        Assert.True(request.StartTimeUtc <= execution.StartTimeUtc && execution.StartTimeUtc + execution.Duration <= request.StartTimeUtc + request.Duration);
    }

    [Fact]
    public async Task Health_checks_make_no_spans()
    {
        var health = await factory.CreateClient().GetAsync("/health");
        health.EnsureSuccessStatusCode();
        // A request that is traced, sent after the health check: once its span is in, the health check's would be too.
        var executionNum = (await factory.ExecuteAsync("print('after the health check')")).GetProperty("execution_num").GetInt32();
        await SpansOfAsync(executionNum);

        Assert.DoesNotContain(factory.Spans.Snapshot(), span => span.GetTagItem("url.path") is "/health");
    }

    /// <summary>The execution's span and the span it hangs under; the request's span ends after the answer is sent, so it is awaited.</summary>
    private async Task<(Activity Execution, Activity Request)> SpansOfAsync(int executionNum)
    {
        Activity? execution = null, request = null;
        await Poll.UntilAsync(() =>
        {
            var spans = factory.Spans.Snapshot();
            execution = spans.SingleOrDefault(span => span.Source.Name == ExecutorTelemetry.Name
                && factory.SessionId.Equals(span.GetTagItem("session.id")) && executionNum.Equals(span.GetTagItem("execution.num")));
            request = spans.SingleOrDefault(span => execution is not null && span.SpanId == execution.ParentSpanId);
            return request is not null;
        }, () => $"no execution {executionNum} under a request among: {string.Join(", ", factory.Spans.Snapshot().Select(s => s.DisplayName))}");
        return (execution!, request!);
    }
}
