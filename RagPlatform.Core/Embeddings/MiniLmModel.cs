using System.Diagnostics;

namespace RagPlatform.Core.Embeddings;

/// <summary>The ONNX bytes of all-MiniLM-L6-v2 at a given precision, built from the fp32 model the package ships.</summary>
public static class MiniLmModel
{
    /// <summary>Loads the model; for int8 also quantizes it, which takes well under a second and needs no cache.</summary>
    public static byte[] Load(EmbeddingPrecision precision) => Load(precision, out _);

    /// <summary>As <see cref="Load(EmbeddingPrecision)"/>, also telling how long preparing the model took.</summary>
    public static byte[] Load(EmbeddingPrecision precision, out TimeSpan elapsed)
    {
        var started = Stopwatch.GetTimestamp();
        var fp32 = MiniLmResources.ReadAllBytes(MiniLmResources.Model);
        var model = precision switch
        {
            EmbeddingPrecision.Fp32 => fp32,
            EmbeddingPrecision.Int8 => Quantize(fp32),
            _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
        };
        elapsed = Stopwatch.GetElapsedTime(started);
        return model;
    }

    private static byte[] Quantize(byte[] fp32)
    {
        var (model, quantized) = OnnxInt8Quantizer.Quantize(fp32);
        // A model export without MatMul weights would silently stay fp32; better to fail loudly.
        return quantized > 0 ? model : throw new InvalidDataException("The MiniLM model has no MatMul weights to quantize.");
    }
}
