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
            .WithEnvironment("Qdrant__Endpoint", qdrant.GrpcEndpoint)
            .WithEnvironment("Qdrant__ApiKey", qdrant.ApiKey)
            .WithEnvironment("Qdrant__ReplicationFactor", QdrantCluster.ReplicationFactor.ToString(CultureInfo.InvariantCulture));
    }
}
