using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RagPlatform.Api.Security;

/// <summary>
/// Admin and internal endpoints need the deployment's service token in <c>X-Service-Token</c> as well as a
/// caller with the right role. Both sides are hashed first, so the comparison takes the same time whatever the
/// token's length and wherever it first differs.
/// </summary>
public sealed class ServiceTokenFilter(IOptions<AuthOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Service-Token";

    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ServiceToken!));

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[HeaderName];
        if (presented.Count == 1 && IsValid(presented[0]!))
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Not allowed.",
            detail: $"This endpoint is for services and operators: it needs the deployment's {HeaderName} header."));
    }

    public bool IsValid(string token) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), _expected);
}
