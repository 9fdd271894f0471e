using RagPlatform.Client;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// The waits tests need on top of the typed client: a document reaching a status, a search finding a document, the API
/// healthy and nothing degraded. Bounded by a timeout whose failure names the last state seen, so a failed test says why.
/// </summary>
public static class RagPlatformClientPolling
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Polls the document until it has <paramref name="status"/> (default wait 60 s); returns it, or throws when the
    /// timeout passes first or, waiting for indexed or failed, the document ends in the other one.
    /// </summary>
    public static async Task<Document> WaitForStatusAsync(
        this RagPlatformClient client, string id, string status, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(60);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        try
        {
            if (status is DocumentStatuses.Indexed or DocumentStatuses.Failed)
            {
                var settled = await client.WaitForDocumentAsync(id, PollInterval, deadline.Token);
                return settled.Status == status ? settled : throw NotReached(settled, status, "and will not be");
            }
            while (true)
            {
                var document = await client.GetDocumentAsync(id, deadline.Token);
                if (document.Status == status)
                {
                    return document;
                }
                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw NotReached(await client.GetDocumentAsync(id, cancellationToken), status, $"after {wait}");
        }
    }

    /// <summary>The results of a search for <paramref name="query"/>, best first.</summary>
    public static async Task<IReadOnlyList<SearchResult>> SearchAsync(
        this RagPlatformClient client, string query, int topK = 5, string? collection = null, CancellationToken cancellationToken = default) =>
        (await client.SearchAsync(new SearchRequest(query, topK, collection is null ? null : new SearchScope(collection)), cancellationToken: cancellationToken)).Results;

    /// <summary>Searches until <paramref name="documentId"/> ranks first or <paramref name="within"/> passes; returns the last results.</summary>
    public static Task<IReadOnlyList<SearchResult>> SearchUntilFirstAsync(
        this RagPlatformClient client, string query, string documentId, TimeSpan within, CancellationToken cancellationToken = default) =>
        client.SearchUntilAsync(query, hits => hits.Count > 0 && hits[0].DocumentId == documentId, within, collection: null, cancellationToken);

    /// <summary>Searches until <paramref name="documentId"/> is among the results or <paramref name="within"/> passes; returns the last results.</summary>
    public static Task<IReadOnlyList<SearchResult>> SearchUntilFoundAsync(
        this RagPlatformClient client, string query, string documentId, TimeSpan within, string? collection = null, CancellationToken cancellationToken = default) =>
        client.SearchUntilAsync(query, hits => hits.Any(hit => hit.DocumentId == documentId), within, collection, cancellationToken);

    /// <summary>Searches (ten results) until <paramref name="done"/> holds for the results or <paramref name="within"/> passes; returns the last results.</summary>
    public static async Task<IReadOnlyList<SearchResult>> SearchUntilAsync(this RagPlatformClient client,
        string query, Func<IReadOnlyList<SearchResult>, bool> done, TimeSpan within, string? collection = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var hits = await client.SearchAsync(query, topK: 10, collection, cancellationToken);
            if (done(hits) || DateTime.UtcNow > deadline)
            {
                return hits;
            }
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Searches until none says it is degraded (after an outage Redis takes a moment to reconnect); throws when the timeout passes first.</summary>
    public static async Task WaitUntilNothingIsDegradedAsync(this RagPlatformClient client, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while ((await client.SearchAsync(new SearchRequest($"warm up {Guid.NewGuid():N}", 5), cancellationToken: cancellationToken)).DegradedOrEmpty is { Count: > 0 } degraded)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"still degraded: {string.Join(", ", degraded)}");
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>
    /// Waits for a host's /health to answer 200 (an API has migrated the schema and loaded its index); throws with the
    /// last answer when <paramref name="timeout"/> (default 60 s) passes first. On HttpClient: health is no /api/v1 call.
    /// </summary>
    public static async Task WaitUntilHealthyAsync(this HttpClient http, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await http.GetAsync("health", cancellationToken);
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
            {
                response.EnsureSuccessStatusCode();
                return;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static TimeoutException NotReached(Document document, string status, string when) => new(
        $"Document {document.Id} is {document.Status} (step {document.Step ?? "none"}, attempts {document.Attempts}" +
        $"{(document.Error is null ? "" : $", error: {document.Error}")}), not {status}, {when}.");
}
