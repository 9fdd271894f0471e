using System.Diagnostics;

namespace RagPlatform.Core.Embeddings;

/// <summary>The ONNX bytes of all-MiniLM-L6-v2 at a given precision, built from the fp32 model the package ships.</summary>
public static class MiniLmModel
{
    // Quantizing costs about a second of CPU on a busy machine, once per generator. A service builds one
    // generator, but a process that hosts many (the test suite builds about thirty) paid it each time: the
    // int8 bytes (about 23 MB) are therefore kept for the process's life. The fp32 bytes are only read from
    // the package, so keeping them (about 90 MB) would cost memory and save nothing.
    private static readonly Lazy<byte[]> Int8 = new(() => Quantize(MiniLmResources.ReadAllBytes(MiniLmResources.Model)));

    /// <summary>Loads the model; for int8 quantizes it on the first call of the process.</summary>
    public static byte[] Load(EmbeddingPrecision precision) => Load(precision, out _);

    /// <summary>As <see cref="Load(EmbeddingPrecision)"/>, also telling how long preparing the model took.</summary>
    public static byte[] Load(EmbeddingPrecision precision, out TimeSpan elapsed)
    {
        var started = Stopwatch.GetTimestamp();
        var model = precision switch
        {
            EmbeddingPrecision.Fp32 => MiniLmResources.ReadAllBytes(MiniLmResources.Model),
            EmbeddingPrecision.Int8 => Int8.Value,
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
