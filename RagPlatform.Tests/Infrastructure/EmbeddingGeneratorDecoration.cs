using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>Puts a test's wrapper around a host's registered embedding generator.</summary>
public static class EmbeddingGeneratorDecoration
{
    /// <summary>
    /// Replaces the registered generator with <paramref name="wrap"/> of it, registered as itself too;
    /// <paramref name="created"/> receives the wrapper when the host makes it.
    /// </summary>
    public static void Decorate<TWrapper>(
        IServiceCollection services, Func<IEmbeddingGenerator<string, Embedding<float>>, TWrapper> wrap, Action<TWrapper> created)
        where TWrapper : class, IEmbeddingGenerator<string, Embedding<float>>
    {
        var real = services.Last(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>));
        services.Remove(real);
        services.AddSingleton(sp =>
        {
            var wrapper = wrap((IEmbeddingGenerator<string, Embedding<float>>)real.ImplementationFactory!(sp));
            created(wrapper);
            return wrapper;
        });
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<TWrapper>());
    }
}
