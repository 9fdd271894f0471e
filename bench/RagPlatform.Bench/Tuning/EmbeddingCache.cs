using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace RagPlatform.Bench.Tuning;

/// <summary>
/// Vectors by the SHA-256 of the exact model input, in an append-only binary file: embedding a corpus takes
/// minutes on a small machine, so it is done once per distinct input and every variant reuses it.
/// A record is the 32-byte hash then <c>dimension</c> little-endian floats; a torn last record is ignored.
/// A key prefix (the model id, for models other than the original fp32 one) goes into every hash, so vectors of
/// two models never answer for each other even when pointed at the same file.
/// </summary>
public sealed class EmbeddingCache
{
    private const int HashLength = 32;
    /// <summary>The batch size of the first caches; other sizes put theirs into the key (int8 vectors depend on their batch).</summary>
    public const int LegacyBatchSize = 256;

    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly int _dimension;
    private readonly string _keyPrefix;
    private readonly int _batchSize;

    private EmbeddingCache(string path, int dimension, string keyPrefix, int batchSize)
    {
        _path = path;
        _dimension = dimension;
        _batchSize = batchSize;
        _keyPrefix = batchSize == LegacyBatchSize ? keyPrefix : $"{keyPrefix}batch {batchSize}\n";
    }

    public int Count => _vectors.Count;

    /// <param name="batchSize">Texts per model call, as the worker's <c>Ingestion:EmbeddingBatchSize</c> (1 by default there).</param>
    public static EmbeddingCache Open(string path, int dimension, string keyPrefix = "", int batchSize = LegacyBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var cache = new EmbeddingCache(path, dimension, keyPrefix, batchSize);
        if (!File.Exists(path))
        {
            return cache;
        }

        var record = new byte[HashLength + (dimension * sizeof(float))];
        using var stream = File.OpenRead(path);
        while (stream.ReadAtLeast(record, record.Length, throwOnEndOfStream: false) == record.Length)
        {
            var key = Convert.ToHexString(record, 0, HashLength);
            cache._vectors[key] = MemoryMarshal.Cast<byte, float>(record.AsSpan(HashLength)).ToArray();
        }

        return cache;
    }

    /// <summary>Embeds the inputs not cached yet, in batches appended to the file as they finish, reporting progress.</summary>
    public async Task EnsureAsync(
        IEmbeddingGenerator<string, Embedding<float>> generator, IEnumerable<string> inputs, TextWriter log, CancellationToken cancellationToken)
    {
        var missing = inputs.Distinct(StringComparer.Ordinal).Where(input => !_vectors.ContainsKey(Key(input))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        log.WriteLine($"embedding {missing.Count} inputs not in {_path}");
        var started = DateTime.UtcNow;
        await using var file = new FileStream(_path, FileMode.Append, FileAccess.Write);
        var unreported = 0;
        for (var start = 0; start < missing.Count; start += _batchSize)
        {
            var batch = missing.GetRange(start, Math.Min(_batchSize, missing.Count - start));
            var embeddings = await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                var vector = embeddings[i].Vector.ToArray();
                if (vector.Length != _dimension)
                {
                    throw new InvalidOperationException($"The model returned {vector.Length} dimensions; the cache holds {_dimension}.");
                }

                var key = Key(batch[i]);
                file.Write(Convert.FromHexString(key));
                file.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
                _vectors[key] = vector;
            }

            var done = start + batch.Count;
            unreported += batch.Count;
            if (unreported < LegacyBatchSize && done != missing.Count)
            {
                continue; // flush and report about every 256 inputs, whatever the batch size
            }

            unreported = 0;
            await file.FlushAsync(cancellationToken);
            log.WriteLine($"  {done}/{missing.Count} ({done / Math.Max((DateTime.UtcNow - started).TotalSeconds, 1):0.0}/s)");
        }
    }

    public float[] Get(string input) => _vectors.TryGetValue(Key(input), out var vector)
        ? vector
        : throw new InvalidOperationException("An input was not embedded; run EnsureAsync first.");

    private string Key(string input) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_keyPrefix + input)));
}
