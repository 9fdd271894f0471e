using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Embeddings;

/// <summary>Tuning for the in-process all-MiniLM-L6-v2 model (configuration section <c>Embeddings:MiniLm</c>).</summary>
public sealed class MiniLmOptions
{
    public const string SectionName = "Embeddings:MiniLm";

    /// <summary>Inputs run through the model in one call; larger batches amortise overhead but pad more.</summary>
    [Range(1, 512)]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>
    /// Tokens per input including [CLS] and [SEP]; longer inputs are truncated. 256 is what the model was
    /// trained with; its position embeddings stop at 512, so nothing larger is accepted.
    /// </summary>
    [Range(8, MiniLmEmbeddingGenerator.ModelMaxSequenceLength)]
    public int MaxSequenceLength { get; set; } = 256;

    /// <summary>ONNX Runtime intra-op threads; 0 lets the runtime use every core.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Whether ONNX Runtime's intra-op threads spin-wait for work between operators (its default) instead of
    /// sleeping. Spinning shaves microseconds off one inference on an idle machine and burns the CPU other requests
    /// need on a busy one, so it is off.
    /// </summary>
    public bool SpinWhileIdle { get; set; }
}
