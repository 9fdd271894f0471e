using System.Buffers;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Core.Chunking;

namespace RagPlatform.Core.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 run in-process through ONNX Runtime: no network, 384-dimensional, L2-normalised
/// vectors identical to sentence-transformers' (mean pooling over real tokens). Thread-safe.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, ITokenCounter
{
    public const string ProviderName = "minilm";
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    /// <summary>The model's position embeddings end here; longer sequences cannot run at all.</summary>
    public const int ModelMaxSequenceLength = 512;

    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly MiniLmOptions _options;
    private readonly MiniLmTokenizer _tokenizer;
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly bool _wantsTokenTypes;

    public MiniLmEmbeddingGenerator(
        MiniLmOptions? options = null, MiniLmTokenizer? tokenizer = null, EmbeddingPrecision precision = EmbeddingOptions.DefaultPrecision)
    {
        _options = options ?? new MiniLmOptions();
        if (_options.MaxSequenceLength is < 3 or > ModelMaxSequenceLength)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxSequenceLength must be between 3 and {ModelMaxSequenceLength}.");
        }

        _tokenizer = tokenizer ?? new MiniLmTokenizer();
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = _options.IntraOpThreads,
        };
        // ONNX Runtime's intra-op threads spin between operators by default: CPU that the other requests on a busy
        // machine need (measured under load: docs/benchmarks.md).
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", _options.SpinWhileIdle ? "1" : "0");
        _session = new InferenceSession(MiniLmModel.Load(precision), sessionOptions);
        Precision = precision;

        // Exports of this model differ in whether they take token_type_ids; feed only what it declares.
        _wantsTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        _inputNames = _wantsTokenTypes
            ? ["input_ids", "attention_mask", "token_type_ids"]
            : ["input_ids", "attention_mask"];
        // The id names the precision: int8 vectors are close to fp32 ones but not equal, so caches keyed by it must not mix them.
        Metadata = new EmbeddingGeneratorMetadata(ProviderName, null, precision == EmbeddingPrecision.Fp32 ? ModelId : ModelId + "-int8", Dimensions);
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public EmbeddingPrecision Precision { get; }

    public int CountTokens(string text) => _tokenizer.CountTokens(text);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is int requested && requested != Dimensions)
        {
            throw new NotSupportedException($"{ModelId} produces {Dimensions} dimensions, not {requested}.");
        }

        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var tokenized = new IReadOnlyList<int>[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            tokenized[i] = _tokenizer.Encode(texts[i] ?? string.Empty, _options.MaxSequenceLength);
        }

        // Sorting by length keeps inputs of similar size together, so each batch pads little.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokenized[i].Count).ToArray();
        var vectors = new float[texts.Count][];
        for (var start = 0; start < order.Length; start += _options.MaxBatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(_options.MaxBatchSize, order.Length - start));
            RunBatch(batch, tokenized, vectors);
        }

        var createdAt = DateTimeOffset.UtcNow;
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = Metadata.DefaultModelId, CreatedAt = createdAt });
        }

        return Task.FromResult(result);
    }

    private void RunBatch(ReadOnlySpan<int> batch, IReadOnlyList<int>[] tokenized, float[][] vectors)
    {
        var rows = batch.Length;
        var length = 0;
        foreach (var index in batch)
        {
            length = Math.Max(length, tokenized[index].Count);
        }

        var size = rows * length;
        // One rented buffer per input tensor per batch; token_type_ids stays all zero (single segment).
        var ids = ArrayPool<long>.Shared.Rent(size);
        var mask = ArrayPool<long>.Shared.Rent(size);
        var types = ArrayPool<long>.Shared.Rent(size);
        try
        {
            Array.Fill(ids, _tokenizer.PaddingTokenId, 0, size);
            Array.Clear(mask, 0, size);
            Array.Clear(types, 0, size);
            for (var row = 0; row < rows; row++)
            {
                var tokens = tokenized[batch[row]];
                var offset = row * length;
                for (var t = 0; t < tokens.Count; t++)
                {
                    ids[offset + t] = tokens[t];
                    mask[offset + t] = 1;
                }
            }

            long[] shape = [rows, length];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, size), shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, size), shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, size), shape);
            OrtValue[] inputs = _wantsTokenTypes ? [idsValue, maskValue, typesValue] : [idsValue, maskValue];

            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, _inputNames, inputs, OutputNames);
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            for (var row = 0; row < rows; row++)
            {
                vectors[batch[row]] = MeanPoolAndNormalise(hidden.Slice(row * length * Dimensions, length * Dimensions), tokenized[batch[row]].Count);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(types);
        }
    }

    /// <summary>Averages only the real tokens (they come first in the row), so padding never changes a vector.</summary>
    private static float[] MeanPoolAndNormalise(ReadOnlySpan<float> rowStates, int realTokens)
    {
        var vector = new float[Dimensions];
        for (var t = 0; t < realTokens; t++)
        {
            TensorPrimitives.Add(vector, rowStates.Slice(t * Dimensions, Dimensions), vector);
        }

        TensorPrimitives.Divide(vector, realTokens, vector);
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => _session.Dispose();
}
