using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// Wraps the worker's real embedding generator to count calls and, on demand, fail the next calls
/// the way an unreachable provider does (HttpRequestException): any calls, or only those embedding a
/// given text, so a document another test left in the queue cannot use up a fault meant for this one.
/// </summary>
public sealed class FaultInjectingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private int _failuresLeft;
    private int _calls;
    private int _texts;
    private volatile string? _onlyWhenContaining;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Texts asked to embed, over all calls: what ingestion spent on the model.</summary>
    public int Texts => Volatile.Read(ref _texts);

    /// <summary>Puts a wrapper around the host's registered generator; <paramref name="created"/> receives it when the host makes it.</summary>
    public static void Wrap(IServiceCollection services, Action<FaultInjectingEmbeddingGenerator> created) =>
        EmbeddingGeneratorDecoration.Decorate(services, inner => new FaultInjectingEmbeddingGenerator(inner), created);

    public void FailNext(int calls, string? onlyWhenContaining = null)
    {
        _onlyWhenContaining = onlyWhenContaining;
        Volatile.Write(ref _failuresLeft, calls);
    }

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var texts = values as IReadOnlyList<string> ?? values.ToArray();
        Interlocked.Add(ref _texts, texts.Count);
        if (_onlyWhenContaining is { } fragment && !texts.Any(text => text.Contains(fragment, StringComparison.Ordinal)))
        {
            return base.GenerateAsync(texts, options, cancellationToken);
        }
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new HttpRequestException("Injected fault: the embedding provider is unreachable.");
        }
        Interlocked.Exchange(ref _failuresLeft, 0);
        return base.GenerateAsync(texts, options, cancellationToken);
    }
}
