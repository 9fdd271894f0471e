namespace RagPlatform.Core.Indexing;

/// <summary>
/// Reciprocal rank fusion over documents rather than chunks: each retriever's list is first collapsed to its
/// documents, each at the rank of its best chunk, so a document with three matching chunks neither fills three
/// places of the result nor gets three votes. A document is returned as the chunk of its best rank in any list
/// (on a tie, the list given first). When fewer documents than <c>wanted</c> are found (a small collection, one
/// long document), the other chunks follow in chunk-level fusion order, so K chunks still come back.
/// </summary>
public static class DocumentFusion
{
    /// <param name="documentOf">The document of a chunk; null drops the chunk (it is gone).</param>
    /// <param name="wanted">How many items the caller will take; below it, further chunks of the documents fill in.</param>
    public static IReadOnlyList<FusedItem<TChunk>> Fuse<TChunk>(
        IReadOnlyList<RankedList<TChunk>> lists, Func<TChunk, string?> documentOf, int k = ReciprocalRankFusion.DefaultK, int wanted = 0)
        where TChunk : notnull
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(documentOf);

        var representative = new Dictionary<string, (TChunk Chunk, int Rank)>(StringComparer.Ordinal);
        var collapsed = new RankedList<string>[lists.Count];
        for (var l = 0; l < lists.Count; l++)
        {
            var list = lists[l];
            var documents = new List<string>(list.Items.Count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in list.Items)
            {
                if (documentOf(chunk) is not { } document || !seen.Add(document))
                {
                    continue;
                }

                documents.Add(document);
                if (!representative.TryGetValue(document, out var best) || documents.Count < best.Rank)
                {
                    representative[document] = (chunk, documents.Count);
                }
            }

            collapsed[l] = new RankedList<string>(list.Retriever, documents, list.Weight);
        }

        var fused = ReciprocalRankFusion.Fuse(collapsed, k);
        var result = new List<FusedItem<TChunk>>(Math.Max(fused.Count, wanted));
        foreach (var document in fused)
        {
            result.Add(new FusedItem<TChunk>(representative[document.Item].Chunk, document.Score, document.FoundBy));
        }

        if (result.Count < wanted)
        {
            Fill(result, ReciprocalRankFusion.Fuse(lists, k), documentOf, wanted);
        }

        return result;
    }

    /// <summary>Appends chunks not returned yet, best first, with scores capped so the whole list stays in descending order.</summary>
    internal static void Fill<TChunk>(List<FusedItem<TChunk>> result, IReadOnlyList<FusedItem<TChunk>> chunks, Func<TChunk, string?> documentOf, int wanted)
        where TChunk : notnull
    {
        var returned = result.Select(item => item.Item).ToHashSet();
        var floor = result.Count > 0 ? result[^1].Score : double.MaxValue;
        foreach (var chunk in chunks)
        {
            if (result.Count == wanted)
            {
                return;
            }

            if (documentOf(chunk.Item) is not null && returned.Add(chunk.Item))
            {
                floor = Math.Min(floor, chunk.Score);
                result.Add(chunk with { Score = floor });
            }
        }
    }
}
