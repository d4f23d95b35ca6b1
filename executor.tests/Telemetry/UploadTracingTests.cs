using System.Diagnostics;
using DeepInsight.Executor.Telemetry;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Telemetry;

/// <summary>A completion is traced under the request that asked for it: the completion, and the upload pass inside it.</summary>
public sealed class UploadTracingTests(TracedExecutorFactory factory) : IClassFixture<TracedExecutorFactory>
{
    [Fact]
    public async Task Session_completion_is_a_span_under_its_request_with_the_upload_pass_under_it()
    {
        await factory.ExecuteAsync("open('artifacts/traced.txt', 'w').write('uploaded')");
        var (response, _) = await factory.PostAsync("/session/complete", new { session_id = factory.SessionId });
        response.EnsureSuccessStatusCode();

        Activity? completion = null, request = null, pass = null;
        await Poll.UntilAsync(() =>
        {
            var spans = factory.Spans.Snapshot();
            completion = spans.SingleOrDefault(s => s.DisplayName == "session.complete" && factory.SessionId.Equals(s.GetTagItem("session.id")));
            request = spans.SingleOrDefault(s => completion is not null && s.SpanId == completion.ParentSpanId);
            pass = spans.SingleOrDefault(s => completion is not null && s.ParentSpanId == completion.SpanId);
            return request is not null && pass is not null;
        }, () => string.Join(", ", factory.Spans.Snapshot().Select(s => s.DisplayName)));

        Assert.Equal("/session/complete", request!.GetTagItem("url.path"));
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, completion!.Status);
        Assert.Equal("session.sync", pass!.DisplayName);
        Assert.Equal(ExecutorTelemetry.Name, pass.Source.Name);
        Assert.Equal("completion", pass.GetTagItem("sync.pass"));
        Assert.Equal(factory.SessionId, pass.GetTagItem("session.id"));
        Assert.Equal(0, pass.GetTagItem("sync.failed"));
    }
}
