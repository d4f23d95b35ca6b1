namespace DeepInsight.Executor.Api;

/// <summary>
/// A JSON answer serialized first and sent with its Content-Length in one write: a streamed
/// (chunked) body ends only with its last chunk, which waits for whatever runs after the
/// endpoint (the request log), while a client reading a known length has its answer at once.
/// Being bytes, it can also be kept and sent again as it was (see <see cref="ExecutionReplay"/>).
/// </summary>
/// <remarks>
/// This is why the endpoints return JsonAnswer rather than TypedResults, and describe their
/// answers with Produces metadata instead (<see cref="ApiDescription"/>): TypedResults serialize
/// while they write, so they send no Content-Length and leave no bytes to replay; and
/// Results&lt;...&gt; holds at most six answers, where /execute has eight.
/// </remarks>
public sealed class JsonAnswer(int statusCode, byte[] body) : IResult
{
    public int StatusCode => statusCode;
    public byte[] Body => body;

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.BodyWriter.WriteAsync(body);
    }
}
