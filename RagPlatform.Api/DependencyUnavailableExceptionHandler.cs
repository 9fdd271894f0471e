using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly.CircuitBreaker;
using RagPlatform.Core.Resilience;

namespace RagPlatform.Api;

/// <summary>
/// A request that needs a dependency which is down (PostgreSQL for the document and API-key endpoints, and for
/// authenticating an API key not in the cache): 503 with Retry-After and a ProblemDetails, at once, instead of a 500
/// or a hang. Searches do not get here: they degrade instead (see Degradations).
/// </summary>
public sealed class DependencyUnavailableExceptionHandler(
    IProblemDetailsService problemDetails, IOptionsMonitor<DependencyResilienceOptions> resilience, ILogger<DependencyUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DependencyFailures.IsTransient(exception))
        {
            return false;
        }

        // An open breaker knows when it will let a call through again; otherwise, about one break of the database's breaker.
        var retryAfter = exception is BrokenCircuitException { RetryAfter: { } remaining }
            ? remaining
            : resilience.Get(ResiliencePipelines.Postgres).BreakDuration;
        logger.LogWarning("{Method} {Path} answered 503: a dependency is unavailable ({Error})",
            httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        return await ServiceUnavailable.WriteAsync(problemDetails, httpContext, exception, retryAfter, "The service is temporarily unavailable.",
            seconds => exception switch
            {
                // A deadlock or serialization victim (after GuardedDatabase.WriteAsync's retries, where the write goes through it):
                // the database is there, the rows busy.
                PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure } =>
                    $"The request collided with concurrent changes to the same data. Try again in {seconds} s.",
                NpgsqlException or { InnerException: NpgsqlException } =>
                    $"The database cannot be reached. Try again in {seconds} s (with an Idempotency-Key header an upload is safe to repeat).",
                _ => $"A service this request needs cannot be reached. Try again in {seconds} s.",
            });
    }
}
