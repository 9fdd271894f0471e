using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RagPlatform.Api.Protection;
using RagPlatform.Core.Extraction;

namespace RagPlatform.Api.Documents;

/// <summary>What upload and replace share: reading and checking the content sent, and binding it to the document's columns.</summary>
public static class UploadContent
{
    /// <summary>
    /// A route whose body is a document, as JSON or multipart/form-data, held to Documents:MaxUploadBytes by UploadReader
    /// instead of the general RequestLimits:MaxBodyBytes.
    /// </summary>
    public static RouteHandlerBuilder AcceptsUpload(this RouteHandlerBuilder route) => route
        .Accepts<UploadDocumentRequest>("application/json", "multipart/form-data")
        .WithMetadata(OwnBodyLimit.Instance);

    /// <summary>The upload as read and checked, or the answer that refuses it (400, 413, 415 or 422).</summary>
    public static async Task<(UploadInput? Input, IResult? Error)> ReadCheckedAsync(
        HttpRequest request, DocumentServices services, CancellationToken cancellationToken)
    {
        var (input, error) = await UploadReader.ReadAsync(request, services.Options.Value.MaxUploadBytes, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        var fromForm = request.HasFormContentType;
        var errors = UploadValidation.Validate(input!, fromForm);
        if (errors.Count > 0)
        {
            return (null, TypedResults.ValidationProblem(errors, title: "The document was not accepted."));
        }
        if (!ContentTypes.IsSupported(input!.ContentType))
        {
            return (null, DocumentProblems.UnsupportedMediaType(
                $"'{input.ContentType ?? "(none)"}' is not supported; send one of: {string.Join(", ", ContentTypes.Supported)}."));
        }
        var check = ContentSniffer.Check(input.Content, input.ContentType!);
        if (!check.IsOk)
        {
            return (null, check.IsMediaTypeProblem
                ? DocumentProblems.UnsupportedMediaType(check.Reason!)
                : DocumentProblems.Unprocessable(check.Reason!));
        }
        if (input.Content.Length == 0 || (ContentTypes.IsText(input.ContentType!) && IsBlank(input.Content)))
        {
            return (null, DocumentProblems.Unprocessable("The document is empty: there is no text to index."));
        }
        return (input, null);
    }

    /// <summary>Only white space (and perhaps a byte order mark): valid text with nothing to index.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> utf8) =>
        (utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8).IndexOfAnyExcept(" \t\r\n\f\v"u8) < 0;

    /// <summary>Binds @contentType, @fileName, @content, @hash, @metadata and @now: the columns an upload and a replace both write.</summary>
    public static void AddParameters(NpgsqlCommand command, UploadInput input, DateTimeOffset now)
    {
        command.Parameters.AddWithValue("contentType", ContentTypes.Normalize(input.ContentType));
        command.Parameters.AddWithValue("fileName", NpgsqlDbType.Text, (object?)input.FileName ?? DBNull.Value);
        command.Parameters.AddWithValue("content", input.Content);
        command.Parameters.AddWithValue("hash", SHA256.HashData(input.Content));
        command.Parameters.AddWithValue("metadata", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(input.Metadata ?? []));
        command.Parameters.AddWithValue("now", now);
    }
}
