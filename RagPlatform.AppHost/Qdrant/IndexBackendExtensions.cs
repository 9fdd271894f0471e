using System.Globalization;

namespace RagPlatform.AppHost.Qdrant;

public static class IndexBackendExtensions
{
    /// <summary>
    /// Points a service at the Qdrant cluster and waits for every node, or, without a cluster, tells it
    /// to use the embedded index that lives beside its own data.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithIndexBackend(this IResourceBuilder<ProjectResource> service, QdrantCluster? qdrant)
    {
        if (qdrant is null)
        {
            return service.WithEnvironment("Index__Backend", "embedded");
        }

        foreach (var node in qdrant.Nodes)
        {
            service.WaitFor(node);
        }

        return service
            .WithEnvironment("Index__Backend", "qdrant")
            // Every node, so the services spread their calls and fail over when one is lost (not node 0's alone).
            .WithEnvironment("Qdrant__Endpoints", qdrant.EndpointList(QdrantCluster.GrpcEndpointName))
            .WithEnvironment("Qdrant__HttpEndpoints", qdrant.EndpointList(QdrantCluster.HttpEndpointName))
            .WithEnvironment("Qdrant__ApiKey", qdrant.ApiKey)
            .WithEnvironment("Qdrant__ReplicationFactor", QdrantCluster.ReplicationFactor.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Qdrant__ShardNumber", qdrant.Nodes.Count.ToString(CultureInfo.InvariantCulture));
    }
}
