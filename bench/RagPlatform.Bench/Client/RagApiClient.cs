using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RagPlatform.Bench.Client;

/// <summary>
/// Calls on the platform's public HTTP API, as any client makes them: the bench's (typed, retried under load) and the
/// tests' (JSON in, JSON out, so they can check the wire shape; polling until a state is reached).
/// </summary>
/// <param name="http">
/// Left to its owner on <see cref="Dispose"/> (a test host's client, say); <see cref="Create"/> makes a client that owns its own.
/// </param>
public sealed class RagApiClient(HttpClient http) : IDisposable
{
    public const int MaxPageSize = 100;

    /// <summary>The underlying client, for calls this class has no method for (a multipart upload).</summary>
    public HttpClient Http => http;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private bool _ownsHttp;

    public static RagApiClient Create(Uri baseAddress, int maxConnections, Credentials credentials) => new(new HttpClient(
        new CredentialsHandler(credentials,
            new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(1, maxConnections), PooledConnectionLifetime = TimeSpan.FromMinutes(5) }))
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(2),
    })
    { _ownsHttp = true };

    /// <summary>Waits for /health to answer 200: the schema migrated and the index loaded (it loads in the background).</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await http.GetAsync("health", cancellationToken);
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
            {
                response.EnsureSuccessStatusCode();
                return;
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    public async Task<(UploadOutcome Outcome, string? Error)> UploadAsync(UploadDocumentBody body, CancellationToken cancellationToken)
    {
        // Retries only what a busy server answers transiently; a 4xx is the document's fault.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await http.PostAsJsonAsync("api/v1/documents", body, Json, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return (UploadOutcome.Accepted, null);
                }
                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    return (UploadOutcome.AlreadyExists, null);
                }
                var detail = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
                if ((int)response.StatusCode < 500 || attempt == 3)
                {
                    return (UploadOutcome.Rejected, detail);
                }
            }
            catch (HttpRequestException) when (attempt < 3)
            {
                // A connection dropped under load: the next attempt decides.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), cancellationToken);
        }
    }

    /// <summary>Uploads any JSON body once; returns the 202's body (id, status, statusUrl) and throws on anything else.</summary>
    public async Task<JsonElement> UploadAsync(object document, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/v1/documents", document, Json, cancellationToken);
        return await ReadSuccessAsync<JsonElement>(response, cancellationToken);
    }

    /// <summary>The document (its status, step, error and whether this instance's search reflects it); throws on anything but 200.</summary>
    public async Task<JsonElement> GetDocumentAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/v1/documents/{Uri.EscapeDataString(id)}", cancellationToken);
        return await ReadSuccessAsync<JsonElement>(response, cancellationToken);
    }

    /// <summary>Polls the document until it has <paramref name="status"/>; returns it, or throws when the timeout passes first.</summary>
    public async Task<JsonElement> WaitForStatusAsync(string id, string status, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(60);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var document = await http.GetFromJsonAsync<JsonElement>($"api/v1/documents/{Uri.EscapeDataString(id)}", Json, cancellationToken);
            var current = document.GetProperty("status").GetString();
            if (current == status)
            {
                return document;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Document {id} is {current}, not {status}, after {wait}: {document}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Every document of a collection, page by page (the API caps pages at 100).</summary>
    public async Task<List<DocumentStatusItem>> ListCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        var all = new List<DocumentStatusItem>();
        for (var page = 1; ; page++)
        {
            var url = $"api/v1/documents?collection={Uri.EscapeDataString(collection)}&pageSize={MaxPageSize}&page={page}";
            var result = await http.GetFromJsonAsync<DocumentStatusPage>(url, Json, cancellationToken)
                ?? throw new InvalidOperationException($"GET {url} returned no body.");
            all.AddRange(result.Items);
            if (result.Items.Count < MaxPageSize || (long)page * MaxPageSize >= result.Total)
            {
                return all;
            }
        }
    }

    /// <param name="uncached">Send <c>Cache-Control: no-cache</c>: the API skips its result and query-embedding caches.</param>
    public async Task<SearchHits> SearchAsync(SearchBody body, CancellationToken cancellationToken, bool uncached = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/rag/search") { Content = JsonContent.Create(body, options: Json) };
        if (uncached)
        {
            request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadSuccessAsync<SearchHits>(response, cancellationToken);
    }

    /// <summary>The search's results as JSON.</summary>
    public async Task<List<JsonElement>> SearchAsync(string query, int topK = 5, string? collection = null, CancellationToken cancellationToken = default)
    {
        var body = await SearchResponseAsync(query, topK, collection, cancellationToken);
        return body.GetProperty("results").EnumerateArray().ToList();
    }

    /// <summary>The whole search response as JSON (results and, when something was missing, "degraded").</summary>
    public async Task<JsonElement> SearchResponseAsync(string query, int topK = 5, string? collection = null, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/v1/rag/search", new SearchBody(query, topK, collection), Json, cancellationToken);
        return await ReadSuccessAsync<JsonElement>(response, cancellationToken);
    }

    /// <summary>A search response's "degraded" list; empty when it has none.</summary>
    public static string[] DegradedOf(JsonElement response) =>
        response.TryGetProperty("degraded", out var degraded) ? degraded.EnumerateArray().Select(d => d.GetString()!).ToArray() : [];

    public static string? DocumentIdOf(JsonElement hit) => hit.GetProperty("documentId").GetString();

    /// <summary>Searches until none says it is degraded (after an outage Redis takes a moment to reconnect); throws when the timeout passes first.</summary>
    public async Task WaitUntilNothingIsDegradedAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DegradedOf(await SearchResponseAsync($"warm up {Guid.NewGuid():N}", cancellationToken: cancellationToken)) is { Length: > 0 } degraded)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"still degraded: {string.Join(", ", degraded)}");
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Searches until <paramref name="documentId"/> ranks first or <paramref name="within"/> passes; returns the last results.</summary>
    public Task<List<JsonElement>> SearchUntilFirstAsync(string query, string documentId, TimeSpan within, CancellationToken cancellationToken = default) =>
        SearchUntilAsync(query, hits => hits.Count > 0 && DocumentIdOf(hits[0]) == documentId, within, collection: null, cancellationToken);

    /// <summary>Searches until <paramref name="documentId"/> is among the results or <paramref name="within"/> passes; returns the last results.</summary>
    public Task<List<JsonElement>> SearchUntilFoundAsync(
        string query, string documentId, TimeSpan within, string? collection = null, CancellationToken cancellationToken = default) =>
        SearchUntilAsync(query, hits => hits.Any(h => DocumentIdOf(h) == documentId), within, collection, cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            http.Dispose();
        }
    }

    /// <summary>Searches until <paramref name="done"/> holds for the results or <paramref name="within"/> passes; returns the last results.</summary>
    public async Task<List<JsonElement>> SearchUntilAsync(
        string query, Func<List<JsonElement>, bool> done, TimeSpan within, string? collection = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var hits = await SearchAsync(query, topK: 10, collection: collection, cancellationToken);
            if (done(hits) || DateTime.UtcNow > deadline)
            {
                return hits;
            }
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>The body of a 2xx; anything else throws with the response's body in the message (a ProblemDetails says what went wrong).</summary>
    private static async Task<T> ReadSuccessAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var request = response.RequestMessage;
            throw new HttpRequestException(
                $"{request?.Method} {request?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}",
                null, response.StatusCode);
        }
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} returned no body.");
    }
}
