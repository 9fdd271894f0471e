using Microsoft.Extensions.AI;
using RagPlatform.Core.Embeddings;

namespace RagPlatform.Tests.Unit;

public sealed class CoalescingEmbeddingGeneratorTests
{
    /// <summary>Embeds a text as [its length]; holds each call until released, to let requests pile up.</summary>
    private sealed class SlowLengthGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<int> BatchSizes { get; } = [];
        public SemaphoreSlim Gate { get; } = new(0);
        public bool Fail { get; set; }

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            lock (BatchSizes)
            {
                BatchSizes.Add(texts.Count);
            }
            await Gate.WaitAsync(cancellationToken);
            if (Fail)
            {
                throw new HttpRequestException("provider down");
            }
            return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(new float[] { t.Length })));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task RequestsArrivingDuringACallShareTheNextCallAndEachGetsItsOwnVectors()
    {
        var inner = new SlowLengthGenerator();
        using var coalescing = new CoalescingEmbeddingGenerator(inner, maxBatchSize: 64);

        var first = coalescing.GenerateAsync(["a"]);
        await WaitUntilAsync(() => inner.BatchSizes.Count == 1);
        var second = coalescing.GenerateAsync(["bb", "ccc"]);
        var third = coalescing.GenerateAsync(["dddd"]);
        inner.Gate.Release(2);

        Assert.Equal([1f], (await first).Select(e => e.Vector.Span[0]));
        Assert.Equal([2f, 3f], (await second).Select(e => e.Vector.Span[0]));
        Assert.Equal([4f], (await third).Select(e => e.Vector.Span[0]));
        Assert.Equal([1, 3], inner.BatchSizes);
    }

    [Fact]
    public async Task AFailedMergedCallFailsEveryRequestInIt()
    {
        var inner = new SlowLengthGenerator { Fail = true };
        using var coalescing = new CoalescingEmbeddingGenerator(inner, maxBatchSize: 64);

        var first = coalescing.GenerateAsync(["a"]);
        var second = coalescing.GenerateAsync(["b"]);
        inner.Gate.Release(2);

        await Assert.ThrowsAsync<HttpRequestException>(() => first);
        await Assert.ThrowsAsync<HttpRequestException>(() => second);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }
}
