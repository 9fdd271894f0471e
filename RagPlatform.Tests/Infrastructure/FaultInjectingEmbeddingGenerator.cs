using Microsoft.Extensions.AI;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// Wraps the worker's real embedding generator to count calls and, on demand, fail the next calls
/// the way an unreachable provider does (HttpRequestException).
/// </summary>
public sealed class FaultInjectingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private int _failuresLeft;
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public void FailNext(int calls) => Volatile.Write(ref _failuresLeft, calls);

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new HttpRequestException("Injected fault: the embedding provider is unreachable.");
        }
        Interlocked.Exchange(ref _failuresLeft, 0);
        return base.GenerateAsync(values, options, cancellationToken);
    }
}
