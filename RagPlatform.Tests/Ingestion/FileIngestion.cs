using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RagPlatform.Tests.Ingestion;

/// <summary>What the format tests do through the public API: upload a file into a collection of their own, search it.</summary>
internal static class FileIngestion
{
    /// <summary>Uploads <paramref name="content"/> as multipart/form-data; returns the new document's id.</summary>
    public static async Task<string> UploadAsync(HttpClient client, byte[] content, string fileName, string contentType, string collection)
    {
        var id = $"file-{Guid.NewGuid():N}";
        using var form = Form(content, fileName, contentType, collection, id);
        var response = await client.PostAsync("/api/v1/documents", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return id;
    }

    /// <summary>Replaces document <paramref name="id"/>'s content (PUT, multipart/form-data).</summary>
    public static async Task ReplaceAsync(HttpClient client, string id, byte[] content, string fileName, string contentType, string collection)
    {
        using var form = Form(content, fileName, contentType, collection, id);
        var response = await client.PutAsync($"/api/v1/documents/{id}", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static MultipartFormDataContent Form(byte[] content, string fileName, string contentType, string collection, string id)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new MultipartFormDataContent
        {
            { file, "file", fileName }, { new StringContent(id), "id" }, { new StringContent(collection), "collection" },
        };
    }

    /// <summary>The hits of a search in <paramref name="collection"/>, optionally with a filter such as <c>new { metadata = new { ocr = "true" } }</c>.</summary>
    public static async Task<List<JsonElement>> SearchAsync(HttpClient client, string query, string collection, object? filter = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/rag/search", new { query, collection, topK = 5, filter });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
    }

    public static string Collection(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];
}
