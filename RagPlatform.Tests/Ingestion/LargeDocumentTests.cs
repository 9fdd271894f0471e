using System.Diagnostics;
using System.Text.Json;
using RagPlatform.Bench.Client;
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
        await fixture.BenchApi.UploadAsync(new { id, content = LargeDocumentFixture.Paragraphs(Chunks, word) });

        FaultInjectingEmbeddingGenerator first = null!;
        var stopped = fixture.Worker(e => first = e);
        _ = stopped.Services; // starts it
        var during = await WaitForProgressAsync(id, Chunks / 3);
        await stopped.DisposeAsync();
        var atStop = Progress(await fixture.BenchApi.GetDocumentAsync(id));

        FaultInjectingEmbeddingGenerator second = null!;
        await using var successor = fixture.Worker(e => second = e);
        _ = successor.Services;
        var indexed = await fixture.BenchApi.WaitForStatusAsync(id, "indexed", TimeSpan.FromMinutes(3));

        var chunks = during.GetProperty("chunkCount").GetInt32();
        Assert.InRange(chunks, Chunks, Chunks + 10);
        Assert.True(during.GetProperty("estimatedSecondsLeft").GetDouble() > 0, $"no estimate while embedding: {during}");
        Assert.InRange(atStop.GetProperty("chunksEmbedded").GetInt32(), Chunks / 3, chunks - 1);
        // The successor embeds exactly what was not saved; the stopped worker lost at most the batch it was in.
        Assert.Equal(chunks - atStop.GetProperty("chunksEmbedded").GetInt32(), second.Texts);
        Assert.InRange(first.Texts + second.Texts, chunks, chunks + LargeDocumentFixture.ChunksPerCall);
        Assert.Equal(chunks, indexed.GetProperty("chunkCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, indexed.GetProperty("progress").ValueKind);
        var hits = await fixture.BenchApi.SearchAsync(word);
        Assert.Equal(id, RagApiClient.DocumentIdOf(hits[0]));
    }

    [Fact]
    public async Task ASmallDocumentUploadedWhileALargeOneIsEmbeddedIsIndexedBeforeTheLargeOneFinishes()
    {
        var large = $"large-{Guid.NewGuid():N}";
        await fixture.BenchApi.UploadAsync(new { id = large, content = LargeDocumentFixture.Paragraphs(Chunks, "unused") });
        await using var worker = fixture.Worker(_ => { });
        _ = worker.Services;
        await WaitForProgressAsync(large, 1);

        var small = $"small-{Guid.NewGuid():N}";
        await fixture.BenchApi.UploadAsync(new { id = small, content = "A short note about the harbour crane's inspection." });
        await fixture.BenchApi.WaitForStatusAsync(small, "indexed", TimeSpan.FromMinutes(1));

        var largeNow = await fixture.BenchApi.GetDocumentAsync(large);
        Assert.Equal("processing", largeNow.GetProperty("status").GetString());
        Assert.True(Progress(largeNow).GetProperty("chunksEmbedded").GetInt32() < Chunks, $"the large document finished first: {largeNow}");
        // Left unfinished, it would be embedded by the next test's workers and counted as theirs.
        (await fixture.Client.DeleteAsync($"/api/v1/documents/{large}")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task AnEmbeddingCallThatTimesOutFailsTheDocumentSayingWhatWasKeptWhichSettingToChangeAndHowToRetry()
    {
        var id = $"slow-{Guid.NewGuid():N}";
        // Sentences of about 40 tokens, chunks of up to 200: a call of 64 such chunks cannot finish in 10 ms.
        var content = string.Join("\n\n", Enumerable.Range(0, 200).Select(i =>
            $"Paragraph {i} describes how the harbour crane number {i % 13} lifts containers onto the quay while the pilot " +
            "boat waits outside the channel for the tide to turn and the berth to clear before the evening shift."));
        await fixture.BenchApi.UploadAsync(new { id, content });

        await using var worker = fixture.Worker(_ => { },
            ("Chunking:MaxTokens", "200"), ("Chunking:OverlapTokens", "30"), ("Resilience:embedding:Timeout", "00:00:00.010"), ("Ingestion:MaxAttempts", "1"));
        _ = worker.Services;
        var failed = await fixture.BenchApi.WaitForStatusAsync(id, "failed", TimeSpan.FromMinutes(1));

        var error = failed.GetProperty("error").GetString();
        Assert.Contains("did not finish within 00:00:00.0100000", error);
        Assert.Contains("are kept and the next attempt resumes after them", error);
        Assert.Contains("raise Resilience:embedding:Timeout or lower Ingestion:EmbeddingChunksPerCall", error);
        Assert.Contains($"POST /api/v1/documents/{id}/retry", error);
    }

    private static JsonElement Progress(JsonElement document) => document.GetProperty("progress");

    /// <summary>Polls until the document's progress shows at least <paramref name="chunks"/> embedded; returns that progress.</summary>
    private async Task<JsonElement> WaitForProgressAsync(string id, int chunks)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var document = await fixture.BenchApi.GetDocumentAsync(id);
            if (document.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress && progress.GetProperty("chunksEmbedded").GetInt32() >= chunks)
            {
                return progress;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), $"{chunks} chunks not embedded in time: {document}");
            await Task.Delay(20);
        }
    }
}
