using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Reads <c>GET /cluster</c> and <c>GET /collections/{name}/cluster</c> from the first node whose REST API answers
/// (see <see cref="QdrantClusterHealth"/> for the verdict). No node answering is Unhealthy: search by vector is down.
/// Unlike <c>/readyz</c>, which stays true once a node has started, this sees peers and replicas that were lost.
/// </summary>
public sealed class QdrantClusterHealthCheck(HttpClient http, QdrantIndexOptions options) : IHealthCheck
{
    public const string Name = "qdrant-cluster";
    public const string HttpClientName = "qdrant-cluster";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Exception? last = null;
        foreach (var node in options.HttpNodes)
        {
            try
            {
                var cluster = QdrantClusterJson.ParseCluster(await GetAsync(node, "cluster", cancellationToken));
                var layout = QdrantClusterJson.ParseCollectionCluster(options.CollectionName,
                    await GetAsync(node, $"collections/{Uri.EscapeDataString(options.CollectionName)}/cluster", cancellationToken));
                return QdrantClusterHealth.Evaluate(cluster, [layout], options.GrpcNodes.Count);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or KeyNotFoundException)
            {
                last = ex;
            }
        }

        return HealthCheckResult.Unhealthy($"No Qdrant node's REST API answered ({string.Join(", ", options.HttpNodes)})", last);
    }

    private async Task<string> GetAsync(Uri node, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, path));
        if (options.ApiKey is { Length: > 0 } key)
        {
            request.Headers.Add("api-key", key);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        using var response = await http.SendAsync(request, timeout.Token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(timeout.Token);
    }
}
