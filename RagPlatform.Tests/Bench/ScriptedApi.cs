using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace RagPlatform.Tests.Bench;

/// <summary>
/// The innermost handler of a bench client in tests that need answers the real API gives only under stress (503,
/// dropped connections): answers each request with the next scripted reply, and records what each request carried.
/// </summary>
internal sealed class ScriptedApi(TimeProvider time, params Func<HttpResponseMessage>[] replies) : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpResponseMessage>> _replies = new(replies);

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    public static Func<HttpResponseMessage> Status(HttpStatusCode status, string body = "{}", TimeSpan? retryAfter = null) => () =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (retryAfter is { } after)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(after);
        }
        return response;
    };

    public static Func<HttpResponseMessage> Accepted(string id) =>
        Status(HttpStatusCode.Accepted, $$"""{"id":"{{id}}","status":"queued","statusUrl":"/api/v1/documents/{{id}}"}""");

    public static Func<HttpResponseMessage> DroppedConnection() =>
        () => throw new HttpRequestException(HttpRequestError.ConnectionError, "The server closed the connection.");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Seen.Enqueue(new SeenRequest(time.GetUtcNow(), request.Headers.Authorization,
            request.Headers.TryGetValues("X-Api-Key", out var keys) ? keys.Single() : null,
            request.Headers.TryGetValues("Idempotency-Key", out var idempotency) ? idempotency.Single() : null));
        return Task.FromResult(_replies.TryDequeue(out var reply) ? reply() : Status(HttpStatusCode.OK, """{"results":[]}""")());
    }
}

internal sealed record SeenRequest(DateTimeOffset At, AuthenticationHeaderValue? Authorization, string? ApiKey, string? IdempotencyKey);
