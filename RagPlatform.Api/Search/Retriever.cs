using System.Diagnostics;
using Microsoft.Extensions.AI;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Api.Search;

/// <summary>Turns a query into hybrid search hits: embed the text, then ask the index.</summary>
public sealed class Retriever(IEmbeddingGenerator<string, Embedding<float>> embedder, ISearchIndex index)
{
    private static readonly ActivitySource Source = new("RagPlatform.Search");

    public async Task<IReadOnlyList<SearchHit>> RetrieveAsync(string query, int topK, string? collection, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("retrieve");
        activity?.SetTag("rag.top_k", topK);
        var embedding = await embedder.GenerateVectorAsync(query, cancellationToken: cancellationToken);
        var hits = await index.SearchAsync(new SearchRequest(query, embedding, topK, collection), cancellationToken);
        activity?.SetTag("rag.hits", hits.Count);
        return hits;
    }
}
