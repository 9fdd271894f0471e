using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// Wraps a host's embedding generator so that the calls a test picks wait on a gate until it is released: a search
/// that holds its place for as long as the test needs. Counts every call.
/// </summary>
public sealed class GatedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, Func<IReadOnlyList<string>, bool> hold)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    /// <summary>Completes when the first held call arrives.</summary>
    public Task Entered => _entered.Task;

    public int Calls => Volatile.Read(ref _calls);

    public void Release() => _released.TrySetResult();

    /// <summary>Puts a gate around the host's registered generator; <paramref name="created"/> receives it when the host makes it.</summary>
    public static void Wrap(IServiceCollection services, Func<IReadOnlyList<string>, bool> hold, Action<GatedEmbeddingGenerator> created) =>
        EmbeddingGeneratorDecoration.Decorate(services, inner => new GatedEmbeddingGenerator(inner, hold), created);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var texts = values as IReadOnlyList<string> ?? values.ToArray();
        if (hold(texts) && !_released.Task.IsCompleted)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

        return await base.GenerateAsync(texts, options, cancellationToken);
    }
}
