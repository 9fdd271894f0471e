using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagPlatform.Core.Embeddings;

namespace RagPlatform.Tests.Embeddings;

public sealed class MiniLmInt8Tests(MiniLmInt8Fixture fixture) : IClassFixture<MiniLmInt8Fixture>
{
    // Short and long, prose and jargon, numbers, code, other languages, odd inputs: the int8 weights must serve all alike.
    private static readonly string[] VariedTexts =
    [
        "what reduces blood pressure",
        "0-dimensional biomaterials show inductive properties.",
        "ALDH1 expression is associated with poorer prognosis for breast cancer primary tumors.",
        "A deficiency of vitamin B12 increases blood levels of homocysteine.",
        "Alterations of the architecture of cerebral white matter in the developing human brain can affect cortical development and result in functional disabilities. A line scan diffusion-weighted magnetic resonance imaging (MRI) sequence with diffusion tensor analysis was applied to measure the apparent diffusion coefficient, to calculate relative anisotropy, and to delineate three-dimensional fiber architecture in cerebral white matter in preterm (n = 17) and full-term infants (n = 7).",
        "The quarterly revenue rose 12.5% to $4.2 billion, beating analysts' estimates.",
        "How do I reset my password if I no longer have access to my email?",
        "public static int Add(int a, int b) => a + b;",
        "SELECT id, title FROM documents WHERE collection = @collection ORDER BY created_at DESC LIMIT 10;",
        "Der schnelle braune Fuchs springt über den faulen Hund.",
        "La réunion est reportée à jeudi prochain à 14 heures.",
        "東京は日本の首都です。",
        "hello",
        "A",
        "!!! ??? ...",
        "COVID-19 mRNA vaccines elicit neutralising antibodies against SARS-CoV-2 variants.",
        "The patient presented with acute chest pain radiating to the left arm and diaphoresis.",
        "Kubernetes schedules pods onto nodes according to resource requests and affinity rules.",
        "Once upon a time, in a kingdom by the sea, there lived a princess who loved to read.",
        string.Join(' ', Enumerable.Repeat("retrieval augmented generation grounds answers in documents", 60)),
    ];

    [Fact]
    public async Task Int8VectorsPointTheSameWayAsFp32VectorsForVariedTexts()
    {
        var fp32 = await Embed(fixture.Fp32, VariedTexts);
        var int8 = await Embed(fixture.Int8, VariedTexts);

        // Measured: 0.985 to 0.997 for the texts with words, 0.980 for the punctuation-only one; SciFact chunks 0.991
        // and up. A wrong scale, a transposed weight or a lost bias drops far below.
        var pairs = VariedTexts.Select((text, i) => (text, cosine: Cosine(fp32[i], int8[i]))).ToList();
        Assert.All(pairs, p =>
            Assert.True(p.cosine >= 0.975, $"cosine {p.cosine:0.0000} for \"{p.text[..Math.Min(40, p.text.Length)]}\""));
    }

    [Fact]
    public async Task Int8KeepsWhichSentencesAreSimilar()
    {
        var vectors = await Embed(fixture.Int8, "A man is eating food.", "A man is eating a piece of bread.", "The new movie is awesome.");

        // fp32 gives 0.7553 for the first pair.
        Assert.InRange(Cosine(vectors[0], vectors[1]), 0.72, 0.79);
        Assert.InRange(Cosine(vectors[0], vectors[2]), -0.2, 0.2);
    }

    [Fact]
    public async Task Int8VectorOfATextHardlyDependsOnItsBatchNeighbours()
    {
        // Activations are quantized with one scale per batch tensor, so a long neighbour (and the padding it brings)
        // shifts a vector about as much as int8 itself does (cosine 0.991 measured); fp32 is bit-equal here.
        const string text = "Padding must not change the vector much.";
        var alone = (await Embed(fixture.Int8, text))[0];

        var batch = await Embed(fixture.Int8,
            "A much longer neighbour forces padding: " + string.Join(' ', Enumerable.Repeat("token", 60)),
            text,
            "Another input of a different length entirely, to shuffle the order.");

        var cosine = Cosine(alone, batch[1]);
        Assert.True(cosine > 0.985, $"cosine {cosine:0.00000}");
        Assert.Equal(1.0, TensorPrimitives.Norm(batch[1]), 1e-5);
    }

    [Fact]
    public void MetadataNamesThePrecisionSoCachedVectorsOfTheTwoModelsNeverMix()
    {
        Assert.Equal("all-MiniLM-L6-v2-int8", fixture.Int8.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
        Assert.Equal("all-MiniLM-L6-v2", fixture.Fp32.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void Int8ModelStoresItsMatMulWeightsInAQuarterOfTheBytes()
    {
        var fp32 = MiniLmModel.Load(EmbeddingPrecision.Fp32).Length;
        var int8 = MiniLmModel.Load(EmbeddingPrecision.Int8).Length;

        // 36 MatMul weights (10.6 M parameters, 42 MB) shrink 4x; the 47 MB word embedding table stays fp32.
        Assert.InRange(fp32 - int8, 28_000_000, 34_000_000);
    }

    private static async Task<float[][]> Embed(MiniLmEmbeddingGenerator generator, params string[] texts) =>
        (await generator.GenerateAsync(texts)).Select(e => e.Vector.ToArray()).ToArray();

    private static double Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);
}
