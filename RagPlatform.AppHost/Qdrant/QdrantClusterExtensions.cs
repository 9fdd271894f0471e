namespace RagPlatform.AppHost.Qdrant;

public static class QdrantClusterExtensions
{
    // Aspire.Hosting.Qdrant is not available here; the image tag follows Qdrant.Client 1.20.
    private const string Image = "qdrant/qdrant";
    private const string DefaultTag = "v1.20.0";
    private const int HttpPort = 6333;
    private const int GrpcPort = 6334;
    private const int P2pPort = 6335;

    /// <summary>
    /// A Qdrant cluster of <paramref name="replicas"/> containers named <c>{name}0</c>, <c>{name}1</c>…:
    /// node 0 starts the cluster, the others join it through node 0's p2p port once it is ready.
    /// Every node has its own volume and requires <paramref name="apiKey"/>.
    /// </summary>
    public static QdrantCluster AddQdrantCluster(
        this IDistributedApplicationBuilder builder, string name, int replicas, IResourceBuilder<ParameterResource> apiKey)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        var tag = builder.Configuration["Qdrant:ImageTag"] is { Length: > 0 } configured ? configured : DefaultTag;
        var bootstrap = $"http://{name}0:{P2pPort}";

        var nodes = new List<IResourceBuilder<ContainerResource>>();
        for (var i = 0; i < replicas; i++)
        {
            var nodeName = $"{name}{i}";
            var node = builder.AddContainer(nodeName, Image, tag)
                .WithHttpEndpoint(targetPort: HttpPort, name: QdrantCluster.HttpEndpointName)
                .WithEndpoint(targetPort: GrpcPort, name: QdrantCluster.GrpcEndpointName, scheme: "http")
                .WithEndpoint(targetPort: P2pPort, name: QdrantCluster.P2pEndpointName, scheme: "tcp")
                .WithEnvironment("QDRANT__CLUSTER__ENABLED", "true")
                .WithEnvironment("QDRANT__SERVICE__API_KEY", apiKey)
                .WithVolume($"ragplatform-{nodeName}-storage", "/qdrant/storage")
                // Qdrant serves /readyz without the API key.
                .WithHttpHealthCheck("/readyz", endpointName: QdrantCluster.HttpEndpointName);

            node = i == 0
                ? node.WithArgs("./qdrant", "--uri", bootstrap)
                : node.WithArgs("./qdrant", "--bootstrap", bootstrap, "--uri", $"http://{nodeName}:{P2pPort}").WaitFor(nodes[0]);
            nodes.Add(node);
        }

        return new QdrantCluster(nodes, apiKey);
    }
}
