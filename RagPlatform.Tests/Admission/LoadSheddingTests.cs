using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Admission;

/// <summary>What a client sees of load shedding: past capacity a search is refused at once, the rest keeps answering.</summary>
[Collection(ApiCollection.Name)]
public sealed class LoadSheddingTests(ApiFixture fixture)
{
    [Fact]
    public async Task PastCapacityAnUncachedSearchIsRefusedWith503AndRetryAfterWhileHealthAndCachedSearchesStillAnswer()
    {
        // One search at a time and no waiting at all: a second uncached search while one runs is past capacity.
        GatedEmbeddingGenerator gate = null!;
        await using var api = await fixture.Configure(TestHost.Api())
            .WithSetting("Admission:InitialLimit", "1")
            .WithSetting("Admission:MinLimit", "1")
            .WithSetting("Admission:MaxLimit", "1")
            .WithSetting("Admission:MaxWait", "00:00:00")
            .WithServices(services => GatedEmbeddingGenerator.Wrap(services, created => gate = created))
            .StartAsync();
        using var client = api.CreateClient().Authorize();
        var cachedQuery = $"tidal mills on the estuary {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/rag/search", new { query = cachedQuery })).StatusCode);

        var held = client.SendAsync(Uncached($"{GatedEmbeddingGenerator.Hold} heron nests {Guid.NewGuid():N}"));
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            using var refused = await client.SendAsync(Uncached($"salt marsh grazing {Guid.NewGuid():N}"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "no Retry-After of at least a second");
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Contains("capacity", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("reason").GetString()));

            // Never shed: health, metrics, and a search answered from the cache.
            Assert.NotEqual(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
            var metrics = await client.GetStringAsync("/metrics");
            Assert.Contains("rag_requests_shed_total", metrics, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/rag/search", new { query = cachedQuery })).StatusCode);
        }
        finally
        {
            gate.Release();
        }

        using var finished = await held;
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        // Its permit is back: the next uncached search runs.
        using var after = await client.SendAsync(Uncached($"reed beds {Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static HttpRequestMessage Uncached(string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rag/search") { Content = JsonContent.Create(new { query }) };
        request.Headers.CacheControl = new() { NoCache = true };
        return request;
    }

    /// <summary>The API's query embedder, held on a gate for a query holding <see cref="Hold"/>.</summary>
    private sealed class GatedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public const string Hold = "holdtheline";
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        public static void Wrap(IServiceCollection services, Action<GatedEmbeddingGenerator> created)
        {
            var real = services.Last(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>));
            services.Remove(real);
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            {
                var gated = new GatedEmbeddingGenerator((IEmbeddingGenerator<string, Embedding<float>>)real.ImplementationFactory!(sp));
                created(gated);
                return gated;
            });
        }

        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values as IReadOnlyList<string> ?? values.ToArray();
            if (texts.Any(text => text.Contains(Hold, StringComparison.Ordinal)))
            {
                _entered.TrySetResult();
                await _released.Task.WaitAsync(cancellationToken);
            }

            return await base.GenerateAsync(texts, options, cancellationToken);
        }
    }
}
