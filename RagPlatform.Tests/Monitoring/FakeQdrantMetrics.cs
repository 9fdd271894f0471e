using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RagPlatform.Tests.Monitoring;

/// <summary>
/// Stands in for the /metrics of a three-node Qdrant cluster (no Qdrant server runs here): one listener per node,
/// answering in the exposition format and with the metric names of Qdrant's documentation (guides/monitoring).
/// </summary>
public sealed class FakeQdrantMetrics : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;

    private FakeQdrantMetrics(WebApplication app) => _app = app;

    public IReadOnlyList<string> Targets { get; private set; } = [];

    public static async Task<FakeQdrantMetrics> StartAsync(int nodes = 3)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            for (var i = 0; i < nodes; i++)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
        });
        var app = builder.Build();
        var fake = new FakeQdrantMetrics(app);
        app.MapGet("/metrics", () => Results.Text(fake.Render(), "text/plain; version=0.0.4"));
        await app.StartAsync();
        fake.Targets = [.. app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Select(a => new Uri(a).Authority)];
        return fake;
    }

    private string Render()
    {
        var requests = Interlocked.Add(ref _requests, 7);
        return $$"""
            # HELP app_info information about qdrant server
            # TYPE app_info gauge
            app_info{name="qdrant",version="1.20.0"} 1
            # HELP collections_total number of collections
            # TYPE collections_total gauge
            collections_total 1
            # HELP cluster_enabled is cluster support enabled
            # TYPE cluster_enabled gauge
            cluster_enabled 1
            # HELP cluster_peers_total total number of cluster peers
            # TYPE cluster_peers_total gauge
            cluster_peers_total 3
            # HELP cluster_term current cluster term
            # TYPE cluster_term counter
            cluster_term 4
            # HELP cluster_pending_operations_total total number of pending operations for cluster peer
            # TYPE cluster_pending_operations_total gauge
            cluster_pending_operations_total 0
            # HELP grpc_responses_total total number of responses
            # TYPE grpc_responses_total counter
            grpc_responses_total{endpoint="/qdrant.Points/Query"} {{requests}}
            # HELP grpc_responses_fail_total total number of failed responses
            # TYPE grpc_responses_fail_total counter
            grpc_responses_fail_total{endpoint="/qdrant.Points/Query"} 0

            """;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
