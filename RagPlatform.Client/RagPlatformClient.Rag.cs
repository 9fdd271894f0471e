using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace RagPlatform.Client;

public sealed partial class RagPlatformClient
{
    /// <summary>Hybrid search over the caller's indexed documents, best first.</summary>
    /// <param name="uncached">Ask the API to skip its caches (<c>Cache-Control: no-cache</c>), e.g. to measure a search's full cost.</param>
    public Task<SearchResponse> SearchAsync(SearchRequest search, bool uncached = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        var request = Request(HttpMethod.Post, "api/v1/rag/search",
            new SearchBody(search.Query, search.TopK, search.Scope?.Collection, Filter(search.Scope), search.Scope?.MinScore));
        if (uncached)
        {
            request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        }
        return SendAsync<SearchResponse>(request, cancellationToken);
    }

    /// <summary>An answer to a question from the indexed documents, with numbered citations.</summary>
    public async Task<Answer> AskAsync(AskRequest ask, CancellationToken cancellationToken = default)
    {
        var body = await SendAsync<AnswerBody>(AskRequestMessage(ask), cancellationToken);
        return new Answer(body.Answer, body.Citations, body.Mode, body.Degraded, body.Candidates);
    }

    /// <summary>
    /// The answer as it is generated (Server-Sent Events): citations first, then the text in pieces, then how it was made.
    /// Stopping the enumeration (or cancelling) closes the stream, and the API stops the chat model.
    /// </summary>
    public async IAsyncEnumerable<AnswerStreamEvent> AskStreamingAsync(AskRequest ask, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = AskRequestMessage(ask);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (ToEvent(item) is { } streamEvent)
            {
                yield return streamEvent;
            }
        }
    }

    private static HttpRequestMessage AskRequestMessage(AskRequest ask)
    {
        ArgumentNullException.ThrowIfNull(ask);
        return Request(HttpMethod.Post, "api/v1/rag/query",
            new QueryBody(ask.Question, ask.TopK, ask.Scope?.Collection, Filter(ask.Scope), ask.Scope?.MinScore, ask.History));
    }

    // An event this version does not know is skipped: the API may add kinds without breaking older clients.
    private static AnswerStreamEvent? ToEvent(SseItem<string> item) => item.EventType switch
    {
        "citations" => new CitationsReceived(Read<CitationsPayload>(item).Citations),
        "candidates" => new CandidatesReceived(Read<CandidatesPayload>(item).Candidates),
        "delta" => new TextDelta(Read<DeltaPayload>(item).Text),
        "done" => Read<DonePayload>(item) is var done ? new AnswerCompleted(done.Mode, done.Degraded) : null,
        "error" => new AnswerFailed(Read<ErrorPayload>(item).Message),
        _ => null,
    };

    private static T Read<T>(SseItem<string> item) =>
        JsonSerializer.Deserialize<T>(item.Data, Json) ?? throw new JsonException($"The '{item.EventType}' event has no data.");
}
