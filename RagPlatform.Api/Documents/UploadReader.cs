using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using RagPlatform.Core.Extraction;

namespace RagPlatform.Api.Documents;

/// <summary>
/// Reads an upload from a JSON body (<see cref="UploadDocumentRequest"/>) or from multipart/form-data
/// (a <c>file</c> part plus optional <c>id</c>, <c>title</c>, <c>collection</c> and <c>metadata</c> fields),
/// enforcing the size limit while reading, not after.
/// </summary>
public static class UploadReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = 8, AllowDuplicateProperties = false };

    public static async Task<(UploadInput? Input, IResult? Error)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, DocumentProblems.TooLarge(maxBytes));
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            // Multipart framing adds a little; the content itself is checked against maxBytes below.
            bodyLimit.MaxRequestBodySize = maxBytes + 64 * 1024;
        }

        if (request.HasJsonContentType())
        {
            return await ReadJsonAsync(request, cancellationToken);
        }
        if (request.HasFormContentType)
        {
            return await ReadFormAsync(request, maxBytes, cancellationToken);
        }
        return (null, DocumentProblems.UnsupportedMediaType(
            $"Send the document as application/json or multipart/form-data, not '{request.ContentType ?? "(none)"}'."));
    }

    private static async Task<(UploadInput?, IResult?)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        UploadDocumentRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<UploadDocumentRequest>(Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            return (null, DocumentProblems.BadRequest("The request body is not valid JSON for a document.", JsonErrors.Describe(ex)));
        }
        catch (InvalidOperationException ex) when (ex.InnerException is ArgumentException)
        {
            // An unknown charset in Content-Type (the framework only says so by failing to transcode).
            return (null, DocumentProblems.UnsupportedMediaType(
                $"'{request.ContentType}' names a character encoding that cannot be read; send UTF-8 JSON. ({ex.Message})"));
        }
        if (body is null)
        {
            return (null, DocumentProblems.BadRequest("The request body is empty.", "Send a JSON object with at least 'content'."));
        }
        var content = body.Content is null ? [] : Encoding.UTF8.GetBytes(body.Content);
        return (new UploadInput(body.Id, body.Title, body.Collection, body.ContentType ?? ContentTypes.PlainText, null, content,
            body.Metadata, ContentGiven: !string.IsNullOrWhiteSpace(body.Content)), null);
    }

    private static async Task<(UploadInput?, IResult?)> ReadFormAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxBytes + 64 * 1024, ValueCountLimit = 32 }, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            // Only the body length limit means "too large"; the others (value count, header count, key
            // length) are a malformed or hostile form and their message says which.
            return (null, ex.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase)
                ? DocumentProblems.TooLarge(maxBytes)
                : DocumentProblems.BadRequest("The multipart body could not be read.", ex.Message));
        }
        catch (IOException ex)
        {
            // A body that ends before its closing boundary.
            return (null, DocumentProblems.BadRequest("The multipart body could not be read.", ex.Message));
        }

        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return (null, DocumentProblems.Validation("file", "A 'file' part is required."));
        }
        if (file.Length > maxBytes)
        {
            return (null, DocumentProblems.TooLarge(maxBytes));
        }

        Dictionary<string, string>? metadata = null;
        if (form.TryGetValue("metadata", out var metadataJson) && !string.IsNullOrWhiteSpace(metadataJson))
        {
            try
            {
                metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(metadataJson.ToString(), Json);
            }
            catch (JsonException ex)
            {
                return (null, DocumentProblems.Validation("metadata", $"'metadata' must be a JSON object of strings: {ex.Message}"));
            }
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }
        // Kept as sent: UploadValidation refuses a name with folders or misleading characters rather than trimming it.
        var fileName = file.FileName;
        var contentType = DeclaredType(file.ContentType, fileName);
        return (new UploadInput(
            NullIfEmpty(form["id"]), NullIfEmpty(form["title"]), NullIfEmpty(form["collection"]), contentType,
            string.IsNullOrWhiteSpace(fileName) ? null : fileName, content, metadata, ContentGiven: content.Length > 0), null);
    }

    /// <summary>The part's declared type; a generic one falls back to the file name's extension.</summary>
    private static string? DeclaredType(string? partContentType, string fileName)
    {
        if (!string.IsNullOrWhiteSpace(partContentType) && ContentTypes.Normalize(partContentType) != "application/octet-stream")
        {
            return partContentType;
        }
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".txt" => ContentTypes.PlainText,
            ".md" or ".markdown" => ContentTypes.Markdown,
            ".html" or ".htm" => ContentTypes.Html,
            ".pdf" => ContentTypes.Pdf,
            ".docx" => ContentTypes.Docx,
            _ => partContentType,
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
