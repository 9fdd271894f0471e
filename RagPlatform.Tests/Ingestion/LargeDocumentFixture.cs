using Microsoft.AspNetCore.Mvc.Testing;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Ingestion;

/// <summary>
/// A real PostgreSQL and an API for documents of thousands of chunks; each test starts (and stops) its own workers, so
/// it decides when one goes away. Workers cut chunks short (16 tokens): MiniLM's cost follows tokens, so thousands of
/// chunks stay cheap while every per-chunk path (batches, checkpoints, progress, COPY) runs thousands of times.
/// </summary>
public sealed class LargeDocumentFixture : IAsyncLifetime
{
    private NativePostgres _postgres = null!;
    private WebApplicationFactory<ApiMarker> _api = null!;

    public const int ChunksPerCall = 64;

    public RagPlatformClient Api { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _postgres = await NativePostgres.StartAsync();
        await _postgres.CreateDatabaseAsync("ragdb");
        ConnectionString = _postgres.ConnectionStringFor("ragdb");
        _api = await TestHost.Api().WithDatabase(ConnectionString).WithSetting("RateLimiting:PermitLimit", "1000000").StartAsync();
        Client = _api.CreateClient().Authorize();
        Api = new RagPlatformClient(Client);
    }

    /// <summary>
    /// A worker of this database, not started yet (its first client or service request starts it); <paramref name="embeddings"/>
    /// counts what it embeds; <paramref name="settings"/> override the ones below.
    /// </summary>
    public WebApplicationFactory<WorkerMarker> Worker(Action<FaultInjectingEmbeddingGenerator> embeddings, params (string Key, string Value)[] settings) =>
        settings.Aggregate(Configured(embeddings), (host, setting) => host.WithSetting(setting.Key, setting.Value)).Build();

    private TestHost<WorkerMarker> Configured(Action<FaultInjectingEmbeddingGenerator> embeddings) => TestHost.Worker()
        .WithDatabase(ConnectionString)
        .WithSetting("Chunking:MaxTokens", "16")
        .WithSetting("Chunking:OverlapTokens", "0")
        .WithSetting("Ingestion:EmbeddingChunksPerCall", ChunksPerCall.ToString(System.Globalization.CultureInfo.InvariantCulture))
        // A stopped worker's job is taken over soon after; three seconds (a heartbeat each second) so that a worker on
        // starved cores does not lose the lease of a job it is still embedding (it would stop, and another embed again).
        .WithSetting("Ingestion:Lease", "00:00:03")
        .WithSetting("Ingestion:PollInterval", "00:00:00.200")
        .WithServices(services => FaultInjectingEmbeddingGenerator.Wrap(services, embeddings));

    /// <summary>Paragraphs of about ten tokens, one chunk each at 16 tokens; the last one holds <paramref name="word"/>.</summary>
    public static string Paragraphs(int count, string word) => string.Join("\n\n", Enumerable.Range(0, count).Select(i =>
        i == count - 1 ? $"Entry {i} closes the log with {word}." : $"Entry {i} logs valve {i % 97} at {i * 7 % 1000} kilopascals."));

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
