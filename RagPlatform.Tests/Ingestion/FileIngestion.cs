using RagPlatform.Client;

namespace RagPlatform.Tests.Ingestion;

/// <summary>What the format tests do through the public API: upload a file into a collection of their own, search it.</summary>
internal static class FileIngestion
{
    /// <summary>Uploads <paramref name="content"/> (multipart/form-data) into <paramref name="collection"/>; returns the new document's id.</summary>
    public static async Task<string> UploadAsync(RagPlatformClient client, byte[] content, string fileName, string contentType, string collection) =>
        (await client.UploadAsync(new FileUpload(new MemoryStream(content), fileName, contentType, Id: $"file-{Guid.NewGuid():N}", Collection: collection))).Id;

    /// <summary>Replaces document <paramref name="id"/>'s file (PUT, multipart/form-data).</summary>
    public static Task ReplaceAsync(RagPlatformClient client, string id, byte[] content, string fileName, string contentType, string collection) =>
        client.ReplaceAsync(id, new FileUpload(new MemoryStream(content), fileName, contentType, Collection: collection));

    /// <summary>The best five hits of a search in <paramref name="collection"/>, optionally only of documents whose metadata has <paramref name="key"/> = <paramref name="value"/>.</summary>
    public static async Task<IReadOnlyList<SearchResult>> SearchAsync(
        RagPlatformClient client, string query, string collection, (string Key, string Value)? metadata = null)
    {
        var filter = metadata is var (key, value) ? new Dictionary<string, IReadOnlyList<string>> { [key] = [value] } : null;
        return (await client.SearchAsync(new SearchRequest(query, 5, new SearchScope(collection, filter)))).Results;
    }

    public static string Collection(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];
}
