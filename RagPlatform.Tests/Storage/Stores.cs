using Microsoft.Extensions.Time.Testing;
using Npgsql;
using RagPlatform.Core.Chunking;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Tests.Storage;

/// <summary>A test's database, its clock, and the stores that own its tables, with what the tests do with them.</summary>
public sealed record Stores(NpgsqlDataSource DataSource, FakeTimeProvider Time, DocumentStore Documents, IngestionQueue Queue)
{
    public const string Tenant = "acme";

    public static DocumentContent Content(string key, string text, string? title = null) =>
        new(key, Tenant, "default", title, "text/plain", null, System.Text.Encoding.UTF8.GetBytes(text), null);

    /// <summary>Uploads document <paramref name="id"/> of <see cref="Tenant"/> and queues its job; returns its key.</summary>
    public async Task<string> UploadAsync(string id, string text = "Backups run nightly.", string? title = null, IdempotentRequest? idempotency = null)
    {
        var key = Tenants.DocumentKey(Tenant, id);
        Assert.IsType<EnqueueOutcome.Created>(await Queue.EnqueueAsync(Documents.Insert(Content(key, text, title)), idempotency, CancellationToken.None));
        return key;
    }

    /// <summary>The worker's result for <paramref name="job"/>: one chunk of <paramref name="text"/>.</summary>
    public DocumentWrite Indexed(IngestionJob job, string text)
    {
        var source = new TextChunk(0, text, 0, text.Length, 4, null);
        var chunk = new IndexedChunk(Guid.CreateVersion7(), job.DocumentId, job.Collection, "title", 0, text, 0, text.Length,
            new float[] { 0.6f, 0.8f }, Tenant: job.Tenant);
        return Documents.Indexed(job.DocumentId, [chunk], [source], contentTitle: null);
    }

    public async Task<List<string>> ChunkTextsAsync(string key)
    {
        await using var command = DataSource.CreateCommand("SELECT text FROM chunks WHERE document_id = @key ORDER BY ordinal");
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync();
        var texts = new List<string>();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }
        return texts;
    }
}
