using Microsoft.AspNetCore.Http.Features;

namespace DeepInsight.Executor.Api;

/// <summary>
/// Answers a request whose Content-Length is over the body limit with the 413 JSON before
/// reading any of it, then reads and discards what the client goes on sending before the
/// connection closes. Left to Kestrel, the limit trips and the connection is closed with the
/// rest of the upload unread, which the kernel turns into a reset: a client that sends its
/// whole body before reading (Python's http.client, .NET's HttpClient) then sees a broken
/// connection instead of the answer. A chunked body (no Content-Length) still gets its 413
/// when the limit trips while it is read, as before.
/// </summary>
public static class OversizedBodies
{
    // Draining costs only bandwidth, not memory, but a client declaring gigabytes is not worth
    // waiting for: past these bounds the connection is reset as Kestrel would have done.
    private const long MaxDrainBytes = 256L << 20;
    private static readonly TimeSpan MaxDrainTime = TimeSpan.FromSeconds(30);

    public static WebApplication UseOversizedBodyRefusal(this WebApplication app)
    {
        var limit = app.Services.GetRequiredService<ApiOptions>().MaxRequestBodyBytes;
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength is { } length && length > limit) await RefuseAsync(context, length, limit);
            else await next(context);
        });
        return app;
    }

    private static async Task RefuseAsync(HttpContext context, long length, long limit)
    {
        // Kestrel would otherwise refuse to read a body declared over its limit, drain included.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
            sizeLimit.MaxRequestBodySize = null;
        context.Response.Headers.Connection = "close";
        await ApiJson.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, JsonBody.TooLargeMessage(limit));
        await context.Response.CompleteAsync();
        if (length > MaxDrainBytes)
        {
            context.Abort();
            return;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(MaxDrainTime);
        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, deadline.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // Too slow, or the client gave up: it has had its answer, the connection just ends.
            context.Abort();
        }
    }
}
