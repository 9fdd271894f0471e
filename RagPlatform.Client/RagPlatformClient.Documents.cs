using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RagPlatform.Client;

public sealed partial class RagPlatformClient
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// Uploads a file for ingestion (multipart/form-data). The upload carries an Idempotency-Key (<paramref name="idempotencyKey"/>,
    /// or a new one), so a retry of this call's request creates nothing twice.
    /// </summary>
    public Task<DocumentAccepted> UploadAsync(FileUpload file, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var request = new HttpRequestMessage(HttpMethod.Post, Documents) { Content = Multipart(file) };
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey ?? Guid.NewGuid().ToString("N"));
        return SendAsync<DocumentAccepted>(request, cancellationToken);
    }

    /// <summary>Uploads a text document (Markdown, HTML or plain text) as JSON; see <see cref="UploadAsync(FileUpload, string?, CancellationToken)"/>.</summary>
    public Task<DocumentAccepted> UploadAsync(TextDocument document, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var request = Request(HttpMethod.Post, Documents, ToBody(document));
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey ?? Guid.NewGuid().ToString("N"));
        return SendAsync<DocumentAccepted>(request, cancellationToken);
    }

    /// <summary>A document and its ingestion status; a 404 is a <see cref="RagPlatformApiException"/> with <see cref="HttpStatusCode.NotFound"/>.</summary>
    public Task<Document> GetDocumentAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<Document>(new HttpRequestMessage(HttpMethod.Get, DocumentUrl(id)), cancellationToken);

    /// <summary>One page of the caller's documents, newest first (<paramref name="pageSize"/> 1-<see cref="MaxPageSize"/>).</summary>
    public Task<DocumentPage> ListDocumentsAsync(int page = 1, int pageSize = 20, string? collection = null, CancellationToken cancellationToken = default)
    {
        var url = $"{Documents}?page={page}&pageSize={pageSize}";
        if (collection is not null)
        {
            url += $"&collection={Uri.EscapeDataString(collection)}";
        }
        return SendAsync<DocumentPage>(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
    }

    /// <summary>Replaces a document's file; searches see the old version until the new one is indexed.</summary>
    public Task<DocumentAccepted> ReplaceAsync(string id, FileUpload file, CancellationToken cancellationToken = default) =>
        SendAsync<DocumentAccepted>(new HttpRequestMessage(HttpMethod.Put, DocumentUrl(id)) { Content = Multipart(file with { Id = null }) }, cancellationToken);

    /// <summary>Replaces a document's text; searches see the old version until the new one is indexed.</summary>
    public Task<DocumentAccepted> ReplaceAsync(string id, TextDocument document, CancellationToken cancellationToken = default) =>
        SendAsync<DocumentAccepted>(Request(HttpMethod.Put, DocumentUrl(id), ToBody(document with { Id = null })), cancellationToken);

    /// <summary>Queues a failed document for ingestion again; a document that has not failed is a 409.</summary>
    public Task<DocumentAccepted> RetryAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<DocumentAccepted>(new HttpRequestMessage(HttpMethod.Post, $"{DocumentUrl(id)}/retry"), cancellationToken);

    /// <summary>Deletes a document (admin role): gone from the list at once, and from search by the time this returns unless it says otherwise.</summary>
    public async Task<DocumentDeleted> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync(DocumentUrl(id), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Accepted && await response.Content.ReadFromJsonAsync<DeletionPendingBody>(Json, cancellationToken) is { } pending)
        {
            return new DocumentDeleted(id, RemovedFromSearch: false, pending.IndexSequence);
        }
        return new DocumentDeleted(id, RemovedFromSearch: true);
    }

    /// <summary>
    /// Polls the document every <paramref name="pollInterval"/> (default 500 ms) until it is indexed or failed, and returns it;
    /// bound the wait with <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task<Document> WaitForDocumentAsync(string id, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var document = await GetDocumentAsync(id, cancellationToken);
            if (document.Status is DocumentStatuses.Indexed or DocumentStatuses.Failed)
            {
                return document;
            }
            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static UploadBody ToBody(TextDocument document) =>
        new(document.Id, document.Title, document.Content, document.ContentType, document.Metadata, document.Collection);

    private static MultipartFormDataContent Multipart(FileUpload file)
    {
        var content = new MultipartFormDataContent();
        var part = new StreamContent(file.Content);
        if (file.ContentType is not null)
        {
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
        }
        content.Add(part, "file", file.FileName);
        AddField(content, "id", file.Id);
        AddField(content, "title", file.Title);
        AddField(content, "collection", file.Collection);
        if (file.Metadata is { Count: > 0 })
        {
            AddField(content, "metadata", JsonSerializer.Serialize(file.Metadata, Json));
        }
        return content;
    }

    private static void AddField(MultipartFormDataContent content, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            content.Add(new StringContent(value), name);
        }
    }
}
