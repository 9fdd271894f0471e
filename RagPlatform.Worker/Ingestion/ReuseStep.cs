using Npgsql;
using RagPlatform.Core.Chunking;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// Identical content already indexed in the same collection of the same tenant is not extracted, chunked and embedded
/// again: its chunks and vectors are copied (under this document's own chunk ids). Chunks are embedded with
/// their document's title, so only a document of the same title (both untitled counts) gives its vectors.
/// </summary>
public sealed class ReuseStep(NpgsqlDataSource dataSource) : IPipelineStep
{
    public string Name => PipelineSteps.Reuse;

    public async Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        await using var command = dataSource.CreateCommand("""
            SELECT c.ordinal, c.text, c.start_offset, c.end_offset, c.token_count, c.heading_path, c.page_number, c.embedding, d.title
            FROM chunks c JOIN documents d ON d.id = c.document_id
            WHERE d.id = (
                SELECT id FROM documents
                WHERE tenant = @tenant AND collection = @collection AND content_hash = @hash AND status = 'indexed' AND id <> @document
                  AND title IS NOT DISTINCT FROM @title
                LIMIT 1)
            ORDER BY c.ordinal
            """);
        command.Parameters.AddWithValue("tenant", job.Tenant);
        command.Parameters.AddWithValue("collection", job.Collection);
        command.Parameters.AddWithValue("hash", job.ContentHash);
        command.Parameters.AddWithValue("document", job.DocumentId);
        command.Parameters.AddWithValue("title", NpgsqlTypes.NpgsqlDbType.Text, (object?)job.Title ?? DBNull.Value);

        var chunks = new List<TextChunk>();
        var embeddings = new List<ReadOnlyMemory<float>>();
        var pages = new List<int?>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            chunks.Add(new TextChunk(reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
            pages.Add(reader.IsDBNull(6) ? null : reader.GetInt32(6));
            embeddings.Add(reader.GetFieldValue<float[]>(7));
        }
        if (chunks.Count > 0)
        {
            context.Chunks = chunks;
            context.Embeddings = embeddings;
            context.PageNumbers = pages;
            context.Satisfied.UnionWith([PipelineSteps.Extract, PipelineSteps.Chunk, PipelineSteps.Embed]);
        }
        return StepResult.Success;
    }
}
