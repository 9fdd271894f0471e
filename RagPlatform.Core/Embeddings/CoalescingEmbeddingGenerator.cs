using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace RagPlatform.Core.Embeddings;

/// <summary>
/// Merges concurrent embedding requests into larger batches: while one batch runs, new requests
/// queue, and the next call takes all of them (up to <paramref name="maxBatchSize"/> texts). Under
/// load, documents processed side by side share inference calls; alone, a request waits for nothing.
/// Meant for ingestion, where throughput matters more than one request's latency.
/// With <paramref name="parallelBatches"/> above one, that many batches run at once: for a small
/// model, one single-threaded inference per core keeps the cores busier than one inference
/// spread over all of them.
/// </summary>
public sealed class CoalescingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, int maxBatchSize, int parallelBatches = 1)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>();
    private readonly Lock _startGate = new();
    private Task[]? _consumers;

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToArray();
        if (options is not null || texts.Count >= maxBatchSize)
        {
            // Nothing to gain from merging a full batch, and options would have to agree across requests.
            return base.GenerateAsync(texts, options, cancellationToken);
        }

        EnsureConsumer();
        var request = new Request(texts, cancellationToken);
        _queue.Writer.TryWrite(request);
        return request.Completion.Task.WaitAsync(cancellationToken);
    }

    private void EnsureConsumer()
    {
        if (_consumers is not null)
        {
            return;
        }
        lock (_startGate)
        {
            _consumers ??= Enumerable.Range(0, Math.Max(1, parallelBatches)).Select(_ => Task.Run(ConsumeAsync)).ToArray();
        }
    }

    private async Task ConsumeAsync()
    {
        var batch = new List<Request>();
        var texts = new List<string>(maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            texts.Clear();
            while (texts.Count < maxBatchSize && _queue.Reader.TryPeek(out var peeked)
                && (texts.Count == 0 || texts.Count + peeked.Texts.Count <= maxBatchSize) && _queue.Reader.TryRead(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Completion.TrySetCanceled(next.CancellationToken);
                    continue;
                }
                batch.Add(next);
                texts.AddRange(next.Texts);
            }
            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var embeddings = await base.GenerateAsync(texts, options: null, CancellationToken.None);
                var offset = 0;
                foreach (var request in batch)
                {
                    var own = new GeneratedEmbeddings<Embedding<float>>(request.Texts.Count);
                    for (var i = 0; i < request.Texts.Count; i++)
                    {
                        own.Add(embeddings[offset + i]);
                    }
                    offset += request.Texts.Count;
                    request.Completion.TrySetResult(own);
                }
            }
            catch (Exception ex)
            {
                // One failure fails the whole merged call: every request in it sees the error and retries on its own.
                foreach (var request in batch)
                {
                    request.Completion.TrySetException(ex);
                }
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _queue.Writer.TryComplete();
        }
        base.Dispose(disposing);
    }

    private sealed record Request(IReadOnlyList<string> Texts, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<GeneratedEmbeddings<Embedding<float>>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
