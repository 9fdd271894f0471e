using RagPlatform.Client;

namespace RagPlatform.Bench.Ingestion;

/// <summary>A whole collection read page by page: the bench follows thousands of documents at once, which no page of the API holds.</summary>
public static class CollectionListing
{
    public static async Task<List<Document>> ListCollectionAsync(this RagPlatformClient client, string collection, CancellationToken cancellationToken)
    {
        var all = new List<Document>();
        for (var page = 1; ; page++)
        {
            var result = await client.ListDocumentsAsync(page, RagPlatformClient.MaxPageSize, collection, cancellationToken);
            all.AddRange(result.Items);
            if (result.Items.Count < RagPlatformClient.MaxPageSize || (long)page * RagPlatformClient.MaxPageSize >= result.Total)
            {
                return all;
            }
        }
    }

    public static bool IsFinal(this Document document) => document.Status is DocumentStatuses.Indexed or DocumentStatuses.Failed;
}
