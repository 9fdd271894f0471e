using System.Diagnostics;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Ingestion;

/// <summary>Documents of thousands of chunks finish, show their progress, resume where they stopped, and let small ones by.</summary>
[Trait("Category", "Integration")]
public sealed class LargeDocumentTests(LargeDocumentFixture fixture) : IClassFixture<LargeDocumentFixture>
{
    private const int Chunks = 5000;

    [Fact]
    public async Task AFiveThousandChunkDocumentWhoseWorkerStopsHalfwayIsFinishedByAnotherWithoutEmbeddingAnyChunkTwice()
    {
        var id = $"big-{Guid.NewGuid():N}";
        var word = $"zephyr{Guid.NewGuid():N}"[..16];
        await fixture.Api.UploadAsync(new TextDocument(LargeDocumentFixture.Paragraphs(Chunks, word), Id: id));

        FaultInjectingEmbeddingGenerator first = null!;
        var stopped = fixture.Worker(e => first = e);
        _ = stopped.Services; // starts it
        var during = await WaitForProgressAsync(id, Chunks / 3);
        await stopped.DisposeAsync();
        var atStop = Progress(await fixture.Api.GetDocumentAsync(id));

        FaultInjectingEmbeddingGenerator second = null!;
        await using var successor = fixture.Worker(e => second = e);
        _ = successor.Services;
        var indexed = await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed, TimeSpan.FromMinutes(3));

        var chunks = during.ChunkCount!.Value;
        Assert.InRange(chunks, Chunks, Chunks + 10);
        Assert.True(during.EstimatedSecondsLeft > 0, $"no estimate while embedding: {during}");
        Assert.InRange(atStop.ChunksEmbedded!.Value, Chunks / 3, chunks - 1);
        // The successor embeds exactly what was not saved; the stopped worker lost at most the batch it was in.
        Assert.Equal(chunks - atStop.ChunksEmbedded.Value, second.Texts);
        Assert.InRange(first.Texts + second.Texts, chunks, chunks + LargeDocumentFixture.ChunksPerCall);
        Assert.Equal(chunks, indexed.ChunkCount);
        Assert.Null(indexed.Progress);
        var hits = await fixture.Api.SearchAsync(word);
        Assert.Equal(id, hits[0].DocumentId);
    }

    [Fact]
    public async Task ASmallDocumentUploadedWhileALargeOneIsEmbeddedIsIndexedBeforeTheLargeOneFinishes()
    {
        var large = $"large-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument(LargeDocumentFixture.Paragraphs(Chunks, "unused"), Id: large));
        await using var worker = fixture.Worker(_ => { });
        _ = worker.Services;
        await WaitForProgressAsync(large, 1);

        var small = $"small-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument("A short note about the harbour crane's inspection.", Id: small));
        await fixture.Api.WaitForStatusAsync(small, DocumentStatuses.Indexed, TimeSpan.FromMinutes(1));

        var largeNow = await fixture.Api.GetDocumentAsync(large);
        Assert.Equal(DocumentStatuses.Processing, largeNow.Status);
        Assert.True(Progress(largeNow).ChunksEmbedded < Chunks, $"the large document finished first: {largeNow}");
        // Left unfinished, it would be embedded by the next test's workers and counted as theirs.
        await fixture.Api.DeleteAsync(large);
    }

    [Fact]
    public async Task AnEmbeddingCallThatTimesOutFailsTheDocumentSayingWhatWasKeptWhichSettingToChangeAndHowToRetry()
    {
        var id = $"slow-{Guid.NewGuid():N}";
        // Sentences of about 40 tokens, chunks of up to 200: a call of 64 such chunks cannot finish in 10 ms.
        var content = string.Join("\n\n", Enumerable.Range(0, 200).Select(i =>
            $"Paragraph {i} describes how the harbour crane number {i % 13} lifts containers onto the quay while the pilot " +
            "boat waits outside the channel for the tide to turn and the berth to clear before the evening shift."));
        await fixture.Api.UploadAsync(new TextDocument(content, Id: id));

        await using var worker = fixture.Worker(_ => { },
            ("Chunking:MaxTokens", "200"), ("Chunking:OverlapTokens", "30"), ("Resilience:embedding:Timeout", "00:00:00.010"), ("Ingestion:MaxAttempts", "1"));
        _ = worker.Services;
        var failed = await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Failed, TimeSpan.FromMinutes(1));

        var error = failed.Error;
        Assert.Contains("did not finish within 00:00:00.0100000", error);
        Assert.Contains("are kept and the next attempt resumes after them", error);
        Assert.Contains("raise Resilience:embedding:Timeout or lower Ingestion:EmbeddingChunksPerCall", error);
        Assert.Contains($"POST /api/v1/documents/{id}/retry", error);
    }

    private static DocumentProgress Progress(Document document) => document.Progress ?? throw new InvalidOperationException($"no progress: {document}");

    /// <summary>Polls until the document's progress shows at least <paramref name="chunks"/> embedded; returns that progress.</summary>
    private async Task<DocumentProgress> WaitForProgressAsync(string id, int chunks)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var document = await fixture.Api.GetDocumentAsync(id);
            if (document.Progress is { ChunksEmbedded: { } embedded } progress && embedded >= chunks)
            {
                return progress;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), $"{chunks} chunks not embedded in time: {document}");
            await Task.Delay(20);
        }
    }
}
