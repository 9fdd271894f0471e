using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Indexing;

/// <summary>Small synthetic chunks with deterministic, normalised random vectors (no embedding model).</summary>
internal static class TestChunks
{
    public const int Dimension = 32;

    public static readonly string[] Sentences =
    [
        "The mitochondria is the powerhouse of the cell and produces energy",
        "Quantum entanglement links particles across large distances",
        "Medieval castles were built with thick stone walls for defence",
        "Photosynthesis converts sunlight, water and carbon dioxide into glucose",
        "The stock market fell sharply after the interest rate announcement",
    ];

    public static string NewDocumentId() => Guid.NewGuid().ToString("N");

    public static IndexedChunk Chunk(
        string documentId, string text, int seed, string collection = "default", int ordinal = 0, Guid? chunkId = null,
        IReadOnlyDictionary<string, string>? metadata = null)
        => new(chunkId ?? Guid.NewGuid(), documentId, collection, $"Document {seed}", ordinal, text, 0, text.Length, Vector(seed), Metadata: metadata);

    public static float[] Vector(int seed, int dimension = Dimension)
    {
        var random = new Random(seed);
        var vector = new float[dimension];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return Normalise(vector);
    }

    /// <summary>A vector close to <paramref name="vector"/> but not equal to it, as a paraphrase's embedding would be.</summary>
    public static float[] Near(ReadOnlyMemory<float> vector, int seed)
    {
        var noise = Vector(seed);
        var near = new float[Dimension];
        for (var i = 0; i < near.Length; i++)
        {
            near[i] = vector.Span[i] + (0.1f * noise[i]);
        }

        return Normalise(near);
    }

    /// <summary>The dot product summed in double precision: the reference a search's ranking is compared with.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return (float)sum;
    }

    public static float[] Normalise(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }
}
