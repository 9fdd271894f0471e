using System.Net.Http.Headers;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RagPlatform.Bench.Client;

/// <summary>The few calls the bench makes on the public HTTP API.</summary>
public sealed class RagApiClient(HttpClient http) : IDisposable
{
    public const int MaxPageSize = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RagApiClient Create(Uri baseAddress, int maxConnections, Credentials credentials) => new(new HttpClient(
        new CredentialsHandler(credentials,
            new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(1, maxConnections), PooledConnectionLifetime = TimeSpan.FromMinutes(5) }))
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(2),
    });

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
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"POST /api/v1/rag/search answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        return await response.Content.ReadFromJsonAsync<SearchHits>(Json, cancellationToken)
            ?? throw new InvalidOperationException("POST /api/v1/rag/search returned no body.");
    }

    public void Dispose() => http.Dispose();
}
