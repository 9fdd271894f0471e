using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagPlatform.Core.Embeddings;

namespace RagPlatform.Tests.Embeddings;

public sealed class MiniLmEmbeddingGeneratorTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    private readonly MiniLmEmbeddingGenerator _generator = fixture.Generator;

    [Fact]
    public async Task SentencesWithTheSameMeaningAreCloseAndUnrelatedOnesAreFar()
    {
        var vectors = await Embed(
            "A man is eating food.",
            "A man is eating a piece of bread.",
            "The new movie is awesome.",
            "A monkey is playing drums.");

        var similar = Cosine(vectors[0], vectors[1]);
        var unrelated = Cosine(vectors[0], vectors[2]);

        // sentence-transformers gives 0.7553 for this pair with all-MiniLM-L6-v2.
        Assert.InRange(similar, 0.74, 0.77);
        Assert.InRange(unrelated, -0.2, 0.2);
        Assert.True(Cosine(vectors[0], vectors[3]) < similar);
    }

    [Fact]
    public async Task EveryVectorHas384DimensionsAndUnitLength()
    {
        var vectors = await Embed("short", "A somewhat longer sentence about retrieval augmented generation.", "");

        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, TensorPrimitives.Norm(v), 1e-5);
        });
    }

    [Fact]
    public async Task TextEmbeddedAloneEqualsTheSameTextInsideAPaddedBatch()
    {
        const string text = "Padding must not change the vector.";
        var alone = (await Embed(text))[0];

        var batch = await Embed(
            "A much longer neighbour forces padding: " + string.Join(' ', Enumerable.Repeat("token", 60)),
            text,
            "Another input of a different length entirely, to shuffle the order.");

        Assert.Equal(alone.Length, batch[1].Length);
        for (var i = 0; i < alone.Length; i++)
        {
            Assert.Equal(alone[i], batch[1][i], 1e-5f);
        }
    }

    [Fact]
    public async Task ManyInputsComeBackInTheOrderGiven()
    {
        var texts = Enumerable.Range(0, 20).Select(i => $"Sentence number {i} " + new string('x', i * 7)).ToArray();

        var together = await Embed(texts);
        var last = (await Embed(texts[^1]))[0];

        Assert.Equal(20, together.Length);
        Assert.True(Cosine(together[^1], last) > 0.99999);
    }

    [Fact]
    public async Task InputLongerThanTheModelLimitIsTruncatedWithoutError()
    {
        var longText = string.Join(' ', Enumerable.Repeat("the quick brown fox jumps over the lazy dog", 400));

        var vector = (await Embed(longText))[0];

        Assert.Equal(384, vector.Length);
        Assert.Equal(1.0, TensorPrimitives.Norm(vector), 1e-5);
    }

    [Fact]
    public async Task ConcurrentCallersGetTheSameVectorsAsOneCaller()
    {
        string[] texts = ["first text to embed", "a second, rather different, text", "third"];
        var expected = await Embed(texts);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Embed(texts))));

        Assert.All(results, r => Assert.All(r.Zip(expected), p => Assert.Equal(p.Second, p.First)));
    }

    [Fact]
    public async Task EmptyBatchGivesNoEmbeddings()
    {
        var result = await _generator.GenerateAsync([]);

        Assert.Empty(result);
    }

    [Fact]
    public void MetadataNamesTheLocalModel()
    {
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("minilm", metadata.ProviderName);
        Assert.Equal("all-MiniLM-L6-v2", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
    }

    [Fact]
    public void TokenCountExcludesSpecialTokens()
    {
        Assert.Equal(0, _generator.CountTokens(""));
        Assert.Equal(2, _generator.CountTokens("hello world"));
    }

    private async Task<float[][]> Embed(params string[] texts)
    {
        var embeddings = await _generator.GenerateAsync(texts);
        return embeddings.Select(e => e.Vector.ToArray()).ToArray();
    }

    private static double Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);
}
