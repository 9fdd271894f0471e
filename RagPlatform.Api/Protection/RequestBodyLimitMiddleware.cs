using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace RagPlatform.Api.Protection;

/// <summary>
/// Caps every request body at <see cref="RequestLimitOptions.MaxBodyBytes"/> unless the endpoint has its
/// own limit (<see cref="OwnBodyLimit"/>): a declared length over it is a 413 before anything is read,
/// and the server stops a longer body while it is read (a 413 from <see cref="BadRequestExceptionHandler"/>).
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<OwnBodyLimit>() is not null)
        {
            return next(context);
        }
        var limit = options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return RejectAsync(context, limit);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        return next(context);
    }

    private static Task RejectAsync(HttpContext context, long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large.",
        detail: $"Request bodies may be at most {limit:N0} bytes here (RequestLimits:MaxBodyBytes); documents are uploaded to /api/v1/documents.")
        .ExecuteAsync(context);
}
