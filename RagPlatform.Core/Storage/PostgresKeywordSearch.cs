using System.Text;
using Npgsql;
using NpgsqlTypes;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Core.Storage;

/// <summary>
/// Keyword search straight from PostgreSQL's full-text index on chunks (migration 3): what searches fall back to while
/// the search index cannot answer (Qdrant unreachable, the embedded index still loading). Same scoping as the index
/// (collection, metadata filter), one chunk per document, scores on the same 0-1 scale as a keyword-only query.
/// Runs wholly through the <c>postgres</c> pipeline (<see cref="GuardedDatabase.ReadAsync{T}"/>): a read, safe to retry.
/// </summary>
public sealed class PostgresKeywordSearch(GuardedDatabase database)
{
    /// <summary>The reciprocal-rank constant the scores are computed with (the embedded index's default).</summary>
    private const int RankConstant = 10;

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
        request.TopK <= 0 || string.IsNullOrWhiteSpace(request.Text)
            ? Task.FromResult<IReadOnlyList<SearchHit>>([])
            : database.ReadAsync((connection, token) => QueryAsync(connection, request, token), cancellationToken);

    private static async Task<IReadOnlyList<SearchHit>> QueryAsync(NpgsqlConnection connection, SearchRequest request, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // Confined to the request's tenant before anything else, as the indexes are.
        var conditions = new StringBuilder(" AND d.tenant = @tenant");
        command.Parameters.AddWithValue("tenant", request.Tenant);
        if (request.Collection is not null)
        {
            conditions.Append(" AND d.collection = @collection");
            command.Parameters.AddWithValue("collection", request.Collection);
        }
        var index = 0;
        foreach (var (key, values) in request.Filter?.Conditions ?? [])
        {
            // Keys and values are parameters, never SQL text; ->> on a missing key is null, which matches nothing.
            conditions.Append($" AND d.metadata ->> @key{index} = ANY(@values{index})");
            command.Parameters.AddWithValue($"key{index}", key);
            command.Parameters.AddWithValue($"values{index}", NpgsqlDbType.Array | NpgsqlDbType.Text, values.ToArray());
            index++;
        }
        // Any query term may match (OR, as BM25 does), not all of them (plainto_tsquery's AND): the query's lexemes,
        // stemmed and stripped of stop words by the same 'english' configuration as the column, joined with '|'.
        command.CommandText = $"""
            WITH query AS (
                SELECT string_agg('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''', ' | ')::tsquery AS q
                FROM unnest(tsvector_to_array(to_tsvector('english', @text))) AS lexeme
            ), ranked AS (
                SELECT c.id, c.document_id, {DocumentColumns.Title("d")} AS title, c.text, c.ordinal, c.start_offset,
                       c.end_offset, c.heading_path, c.page_number, c.ocr_confidence, ts_rank(c.search_vector, query.q) AS rank,
                       row_number() OVER (PARTITION BY c.document_id ORDER BY ts_rank(c.search_vector, query.q) DESC, c.ordinal) AS nth
                FROM query, chunks c JOIN documents d ON d.id = c.document_id
                WHERE query.q IS NOT NULL AND c.search_vector @@ query.q{conditions}
            )
            SELECT id, document_id, title, text, ordinal, start_offset, end_offset, heading_path, page_number, ocr_confidence
            FROM ranked WHERE nth = 1
            ORDER BY rank DESC, document_id
            LIMIT @limit
            """;
        command.Parameters.AddWithValue("text", request.Text);
        command.Parameters.AddWithValue("limit", request.TopK);

        var hits = new List<SearchHit>(request.TopK);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // First place scores 1, as in a keyword-only query of the index; lower places by reciprocal rank.
            var score = (RankConstant + 1.0) / (RankConstant + hits.Count + 1);
            if (score < request.MinScore)
            {
                break;
            }
            hits.Add(new SearchHit(
                ChunkId: reader.GetGuid(0),
                DocumentId: reader.GetString(1),
                Title: reader.GetString(2),
                Text: reader.GetString(3),
                Ordinal: reader.GetInt32(4),
                Score: score,
                FoundBy: Retrievers.Keyword,
                StartOffset: reader.GetInt32(5),
                EndOffset: reader.GetInt32(6),
                HeadingPath: reader.IsDBNull(7) ? null : reader.GetString(7),
                PageNumber: reader.IsDBNull(8) ? null : reader.GetInt32(8),
                OcrConfidence: reader.IsDBNull(9) ? null : OcrConfidence.Fraction(reader.GetFloat(9))));
        }
        return hits;
    }
}
