using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Api.Documents;

/// <summary>GET /api/v1/documents and GET /api/v1/documents/{id}: the caller's documents and their ingestion status.</summary>
public static class ReadDocumentsApi
{
    public static void MapReadDocuments(this RouteGroupBuilder documents)
    {
        documents.MapGet("/", ListAsync).WithName("ListDocuments").WithSummary("List documents, newest first.");
        documents.MapGet("/{id}", GetAsync).WithName("GetDocument").WithSummary("A document and its ingestion status.");
    }

    public static async Task<Results<Ok<DocumentResponse>, NotFound>> GetAsync(
        string id, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        var found = await services.Database.ReadAsync(async (connection, token) =>
            await FindAsync(connection, null, services.Key(id), token) is { } document
                ? (Document: document, Sequence: await IndexChangeLog.LatestForAsync(connection, services.Key(id), token))
                : default, cancellationToken);
        if (found.Document is not { } document)
        {
            return TypedResults.NotFound();
        }
        // "indexed" here means findable here: a client that polls until then and searches finds the document.
        var searchable = found.Sequence is { } sequence && (services.Version.Current >= sequence
            || document.Status == DocumentStatus.Indexed && await services.Version.WaitForAsync(sequence, cancellationToken));
        return TypedResults.Ok(document with { IndexSequence = found.Sequence, Searchable = searchable });
    }

    /// <summary>The document stored under <paramref name="key"/>, or null, on the caller's connection (and transaction, if any).</summary>
    public static async Task<DocumentResponse?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"{SelectDocument} WHERE id = @id", connection, transaction);
        command.Parameters.AddWithValue("id", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDocument(reader) : null;
    }

    public static async Task<Results<Ok<DocumentPage>, ValidationProblem>> ListAsync(
        [AsParameters] DocumentServices services, CancellationToken cancellationToken,
        int page = 1, int pageSize = 20, string? collection = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > 1_000_000)
        {
            errors["page"] = ["'page' must be between 1 and 1000000."];
        }
        if (pageSize is < 1 or > 100)
        {
            errors["pageSize"] = ["'pageSize' must be between 1 and 100."];
        }
        if (collection is not null && !UploadValidation.IsValidIdentifier(collection, UploadValidation.MaxCollectionLength))
        {
            errors["collection"] = ["'collection' is not a valid collection name."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await services.Database.ReadAsync(
            (connection, token) => ReadPageAsync(connection, services.Tenant, collection, page, pageSize, token), cancellationToken));
    }

    private static async Task<DocumentPage> ReadPageAsync(
        NpgsqlConnection connection, string tenant, string? collection, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var count = new NpgsqlBatchCommand("SELECT count(*) FROM documents WHERE tenant = @tenant AND (@collection::text IS NULL OR collection = @collection)");
        count.Parameters.AddWithValue("tenant", tenant);
        count.Parameters.AddWithValue("collection", NpgsqlDbType.Text, (object?)collection ?? DBNull.Value);
        var select = new NpgsqlBatchCommand($"""
            {SelectDocument}
            WHERE tenant = @tenant AND (@collection::text IS NULL OR collection = @collection)
            ORDER BY created_at DESC, id DESC
            LIMIT @limit OFFSET @offset
            """);
        select.Parameters.AddWithValue("tenant", tenant);
        select.Parameters.AddWithValue("collection", NpgsqlDbType.Text, (object?)collection ?? DBNull.Value);
        select.Parameters.AddWithValue("limit", pageSize);
        select.Parameters.AddWithValue("offset", (long)(page - 1) * pageSize);
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(select);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<DocumentResponse>(pageSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadDocument(reader));
        }
        return new DocumentPage(items, page, pageSize, total);
    }

    private static readonly string SelectDocument = $"""
        SELECT id, {DocumentColumns.Title("documents")}, collection, content_type, status, chunk_count, error, metadata::text, created_at, updated_at,
               current_step, attempts, version, file_name
        FROM documents
        """;

    private static DocumentResponse ReadDocument(NpgsqlDataReader reader) => new(
        Id: Tenants.DocumentId(reader.GetString(0)),
        Title: reader.GetString(1),
        Collection: reader.GetString(2),
        ContentType: reader.GetString(3),
        Status: reader.GetString(4),
        ChunkCount: reader.GetInt32(5),
        Error: reader.IsDBNull(6) ? null : reader.GetString(6),
        Metadata: JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7)) ?? [],
        CreatedAt: reader.GetFieldValue<DateTimeOffset>(8),
        UpdatedAt: reader.GetFieldValue<DateTimeOffset>(9),
        Step: reader.IsDBNull(10) ? null : reader.GetString(10),
        Attempts: reader.GetInt32(11),
        Version: reader.GetInt32(12),
        FileName: reader.IsDBNull(13) ? null : reader.GetString(13));
}
