namespace RagPlatform.Api.Documents;

/// <summary>
/// Refuses a route's <c>{id}</c> that no upload could have created (NUL, '../', direction overrides, thousands of
/// characters) with a 400 naming it, before it reaches PostgreSQL, which rejects some of them with an error.
/// </summary>
public static class DocumentIdFilter
{
    public static ValueTask<object?> RejectInvalidIdAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.RouteValues.TryGetValue("id", out var value)
            && value is string id && !UploadValidation.IsValidIdentifier(id, UploadValidation.MaxIdLength))
        {
            return ValueTask.FromResult<object?>(DocumentProblems.Validation("id", UploadValidation.IdRule));
        }
        return next(context);
    }
}
