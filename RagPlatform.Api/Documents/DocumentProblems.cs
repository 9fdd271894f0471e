using Microsoft.AspNetCore.Http.HttpResults;

namespace RagPlatform.Api.Documents;

/// <summary>The ProblemDetails answers of the documents API, each naming what was wrong.</summary>
public static class DocumentProblems
{
    public static ProblemHttpResult TooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The document is too large.",
        detail: $"Documents may be at most {maxBytes:N0} bytes (Documents:MaxUploadBytes).");

    public static ProblemHttpResult UnsupportedMediaType(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "The document's type is not supported.",
        detail: detail);

    public static ProblemHttpResult Unprocessable(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "The document cannot be indexed.",
        detail: detail);

    public static ProblemHttpResult BadRequest(string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    public static ProblemHttpResult Conflict(string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ValidationProblem Validation(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The document was not accepted.");
}
