using System.Net;
using Polly;
using Polly.Retry;
using RagPlatform.Bench.Client;
using RagPlatform.Client;

namespace RagPlatform.Bench.Ingestion;

/// <summary>
/// Uploads one document, retrying only what a busy server answers transiently (a 5xx, a dropped connection) with a
/// growing pause; a 409 means an earlier run already uploaded it, any other 4xx is the document's fault.
/// </summary>
public sealed class DocumentUploader
{
    public const int MaxAttempts = 3;

    public static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);

    private readonly RagPlatformClient _client;
    private readonly ResiliencePipeline _retry;

    public DocumentUploader(RagPlatformClient client, TimeProvider time)
    {
        _client = client;
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<RagPlatformApiException>(ex => (int)ex.Status >= 500)
                .Handle<HttpRequestException>(),
            MaxRetryAttempts = MaxAttempts - 1,
            BackoffType = DelayBackoffType.Linear,
            Delay = FirstPause,
            UseJitter = false,
            // A 503 that says when to come back (admission control, the database away) is taken at its word.
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is RagPlatformApiException { RetryAfter: { } after } && after > TimeSpan.Zero ? after : (TimeSpan?)null),
        }).Build();
    }

    /// <summary>What became of the upload, with the API's reason when it refused it. A connection still failing after the last attempt throws: the API is down, not the document wrong.</summary>
    public async Task<(UploadOutcome Outcome, string? Error)> UploadAsync(TextDocument document, CancellationToken cancellationToken)
    {
        // One key for every attempt: an attempt whose 202 was lost with its connection is answered with that 202 again,
        // not refused as a duplicate. A new key per run, so a later run still finds the document there (409).
        var idempotencyKey = Guid.NewGuid().ToString("N");
        try
        {
            await _retry.ExecuteAsync(async token => await _client.UploadAsync(document, idempotencyKey, token), cancellationToken);
            return (UploadOutcome.Accepted, null);
        }
        catch (RagPlatformApiException ex) when (ex.Status == HttpStatusCode.Conflict)
        {
            return (UploadOutcome.AlreadyExists, null);
        }
        catch (RagPlatformApiException ex)
        {
            return (UploadOutcome.Rejected, ex.Message);
        }
    }
}
