using System.Net;
using System.Security.Claims;
using Polly;
using RagPlatform.Client;

namespace RagPlatform.Web.Account;

/// <summary>Checks an API key with the API (GET /api/v1/me) and signs in as what it is: its tenant and roles.</summary>
public sealed class ApiKeySignIn(IHttpClientFactory clients, ILogger<ApiKeySignIn> logger)
{
    public async Task<ApiKeySignInResult> SignInAsync(string apiKey, CancellationToken cancellationToken)
    {
        // The key goes as a default header: the user-credentials handler leaves a request that carries one alone.
        var http = clients.CreateClient(nameof(RagPlatformClient));
        http.DefaultRequestHeaders.Add(UserCredentialsHandler.ApiKeyHeader, apiKey);
        try
        {
            var caller = await new RagPlatformClient(http).GetCallerAsync(cancellationToken);
            return new ApiKeySignInResult(WebClaims.Create("API key", caller.Tenant, caller.Roles, apiKey: apiKey), null);
        }
        catch (RagPlatformApiException refused) when (refused.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new ApiKeySignInResult(null, "apikey");
        }
        catch (RagPlatformApiException busy) when (busy.Status is HttpStatusCode.TooManyRequests)
        {
            return new ApiKeySignInResult(null, "busy");
        }
        // The resilience handler gives up with Polly's exceptions (an open breaker, its timeout), not HttpRequestException.
        catch (Exception exception) when (exception is RagPlatformApiException or HttpRequestException or ExecutionRejectedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(exception, "An API-key sign-in could not reach the API");
            return new ApiKeySignInResult(null, "unavailable");
        }
    }
}

/// <summary>The signed-in user, or the sign-in page's error code: <c>apikey</c> (refused), <c>busy</c> (rate-limited) or <c>unavailable</c> (the API did not answer).</summary>
public sealed record ApiKeySignInResult(ClaimsPrincipal? User, string? Error);
