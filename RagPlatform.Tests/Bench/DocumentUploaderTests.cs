using System.Net;
using Microsoft.Extensions.Time.Testing;
using RagPlatform.Bench.Client;
using RagPlatform.Bench.Ingestion;
using RagPlatform.Client;

namespace RagPlatform.Tests.Bench;

/// <summary>The bench's uploads ride out a busy server without losing or doubling documents, and blame a document only for its own faults.</summary>
public sealed class DocumentUploaderTests
{
    private static readonly TextDocument Document = new("Tide tables give the times of high and low water.", "text/plain", "scifact-1", "Tides", "scifact");

    [Fact]
    public async Task ABusyServerAndADroppedConnectionAreRetriedWithOneIdempotencyKeyUntilAccepted()
    {
        var time = new FakeTimeProvider();
        var api = new ScriptedApi(time, ScriptedApi.Status(HttpStatusCode.ServiceUnavailable), ScriptedApi.DroppedConnection(), ScriptedApi.Accepted("scifact-1"));

        var (outcome, error) = await UploadAsync(api, time);

        Assert.Equal(UploadOutcome.Accepted, outcome);
        Assert.Null(error);
        Assert.Equal(DocumentUploader.MaxAttempts, api.Seen.Count);
        Assert.Single(api.Seen.Select(request => request.IdempotencyKey).Distinct());
        Assert.NotNull(api.Seen.First().IdempotencyKey);
        var at = api.Seen.Select(request => request.At).ToList();
        Assert.True(at[1] - at[0] >= DocumentUploader.FirstPause, "a pause before the second attempt");
        Assert.True(at[2] - at[1] >= 2 * DocumentUploader.FirstPause, "a longer one before the third");
    }

    [Fact]
    public async Task AServiceUnavailableThatSaysWhenToComeBackIsRetriedThen()
    {
        var time = new FakeTimeProvider();
        var api = new ScriptedApi(time,
            ScriptedApi.Status(HttpStatusCode.ServiceUnavailable, """{"title":"Busy","status":503}""", TimeSpan.FromSeconds(30)), ScriptedApi.Accepted("scifact-1"));

        var (outcome, _) = await UploadAsync(api, time);

        Assert.Equal(UploadOutcome.Accepted, outcome);
        var at = api.Seen.Select(request => request.At).ToList();
        Assert.InRange(at[1] - at[0], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(32));
    }

    [Fact]
    public async Task ADocumentAlreadyThereCountsAsSuchAndIsNotSentAgain()
    {
        var time = new FakeTimeProvider();
        var api = new ScriptedApi(time, ScriptedApi.Status(HttpStatusCode.Conflict, """{"title":"A document with this id already exists.","status":409}"""));

        Assert.Equal((UploadOutcome.AlreadyExists, null), await UploadAsync(api, time));
        Assert.Single(api.Seen);
    }

    [Fact]
    public async Task ADocumentTheApiRefusesIsRejectedAtOnceWithTheApisReason()
    {
        var time = new FakeTimeProvider();
        var api = new ScriptedApi(time, ScriptedApi.Status(HttpStatusCode.BadRequest,
            """{"title":"One or more validation errors occurred.","status":400,"errors":{"content":["Content must not be empty."]}}"""));

        var (outcome, error) = await UploadAsync(api, time);

        Assert.Equal(UploadOutcome.Rejected, outcome);
        Assert.Contains("400", error);
        Assert.Contains("Content must not be empty.", error);
        Assert.Single(api.Seen);
    }

    [Fact]
    public async Task AServerStillFailingAfterTheLastAttemptRejectsTheDocumentWithItsStatus()
    {
        var time = new FakeTimeProvider();
        var api = new ScriptedApi(time, [.. Enumerable.Repeat(ScriptedApi.Status(HttpStatusCode.InternalServerError), DocumentUploader.MaxAttempts)]);

        var (outcome, error) = await UploadAsync(api, time);

        Assert.Equal(UploadOutcome.Rejected, outcome);
        Assert.StartsWith("500", error);
        Assert.Equal(DocumentUploader.MaxAttempts, api.Seen.Count);
    }

    /// <summary>Uploads through the bench's connection, moving the fake clock on while the retries wait.</summary>
    private static async Task<(UploadOutcome, string?)> UploadAsync(ScriptedApi api, FakeTimeProvider time)
    {
        using var connection = ApiConnection.Create(new Uri("http://api.test/"), Credentials.None, ConnectionLimits.For(1), () => api);
        var upload = new DocumentUploader(connection.Client, time).UploadAsync(Document, CancellationToken.None);
        for (var step = 0; !upload.IsCompleted && step < 10_000; step++)
        {
            time.Advance(DocumentUploader.FirstPause);
            await Task.Delay(1);
        }
        return await upload;
    }
}
