using RagPlatform.Api.Protection;
using RagPlatform.Core.Documents;
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
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
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

    /// <summary>The upload as the document store keeps it (type normalised, title trimmed); a null <paramref name="collection"/> keeps a replaced document's.</summary>
    public static DocumentContent ToContent(this UploadInput input, string key, string tenant, string? collection) => new(
        key, tenant, collection, input.Title?.Trim(), ContentTypes.Normalize(input.ContentType), input.FileName, input.Content, input.Metadata);
}
