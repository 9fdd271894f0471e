using System.Net.Http.Json;
using System.Text.Json;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>The calls tests make to the public API, as a client would make them.</summary>
public static class RagApiClient
{
    /// <summary>Waits for /health to answer 200: the schema migrated and the index loaded (it loads in the background).</summary>
    public static async Task WaitUntilHealthyAsync(this HttpClient client, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await client.GetAsync("/health");
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
            {
                response.EnsureSuccessStatusCode();
                return;
            }
            await Task.Delay(100);
        }
    }

    public static async Task<JsonElement> UploadAsync(this HttpClient client, object document)
    {
        var response = await client.PostAsJsonAsync("/api/v1/documents", document);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> WaitForStatusAsync(this HttpClient client, string id, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var document = await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{id}");
            if (document.GetProperty("status").GetString() == status || DateTime.UtcNow > deadline)
            {
                Assert.Equal(status, document.GetProperty("status").GetString());
                return document;
            }
            await Task.Delay(100);
        }
    }

    public static async Task<List<JsonElement>> SearchAsync(this HttpClient client, string query, int topK = 5, string? collection = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/rag/search", new { query, topK, collection });
        await response.EnsureSuccessWithBodyAsync();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("results").EnumerateArray().ToList();
    }

    /// <summary>The whole search response (results and, when something was missing, "degraded").</summary>
    public static async Task<JsonElement> SearchResponseAsync(this HttpClient client, string query, int topK = 5, string? collection = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/rag/search", new { query, topK, collection });
        await response.EnsureSuccessWithBodyAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The response's "degraded" list; empty when it has none.</summary>
    public static string[] DegradedOf(JsonElement response) =>
        response.TryGetProperty("degraded", out var degraded) ? degraded.EnumerateArray().Select(d => d.GetString()!).ToArray() : [];

    /// <summary>Searches until none says it is degraded: after another test's outage Redis takes a moment to reconnect.</summary>
    public static async Task WaitUntilNothingIsDegradedAsync(this HttpClient client, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DegradedOf(await client.SearchResponseAsync($"warm up {Guid.NewGuid():N}")) is { Length: > 0 } degraded)
        {
            Assert.True(DateTime.UtcNow < deadline, $"still degraded: {string.Join(", ", degraded)}");
            await Task.Delay(200);
        }
    }

    /// <summary>Searches until <paramref name="documentId"/> ranks first or <paramref name="within"/> passes; returns the last results.</summary>
    public static Task<List<JsonElement>> SearchUntilFirstAsync(this HttpClient client, string query, string documentId, TimeSpan within) =>
        client.SearchUntilAsync(query, hits => hits.Count > 0 && DocumentIdOf(hits[0]) == documentId, within);

    /// <summary>Searches until <paramref name="documentId"/> is among the results or <paramref name="within"/> passes.</summary>
    public static Task<List<JsonElement>> SearchUntilFoundAsync(
        this HttpClient client, string query, string documentId, TimeSpan within, string? collection = null) =>
        client.SearchUntilAsync(query, hits => hits.Any(h => DocumentIdOf(h) == documentId), within, collection);

    /// <summary>Searches until <paramref name="done"/> holds for the results or <paramref name="within"/> passes; returns the last results.</summary>
    public static async Task<List<JsonElement>> SearchUntilAsync(
        this HttpClient client, string query, Func<List<JsonElement>, bool> done, TimeSpan within, string? collection = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var hits = await client.SearchAsync(query, topK: 10, collection: collection);
            if (done(hits) || DateTime.UtcNow > deadline)
            {
                return hits;
            }
            await Task.Delay(20);
        }
    }

    /// <summary>As EnsureSuccessStatusCode, with the response's body (a ProblemDetails says what went wrong) in the failure.</summary>
    public static async Task EnsureSuccessWithBodyAsync(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException($"{(int)response.StatusCode} {response.StatusCode}: {body}", null, response.StatusCode);
        }
    }

    public static string? DocumentIdOf(JsonElement hit) => hit.GetProperty("documentId").GetString();
}
