namespace RagPlatform.AppHost.Qdrant;

/// <summary>The nodes of a Qdrant cluster; node 0 is the one the others bootstrap from.</summary>
public sealed record QdrantCluster(IReadOnlyList<IResourceBuilder<ContainerResource>> Nodes, IResourceBuilder<ParameterResource> ApiKey)
{
    public const string HttpEndpointName = "http";
    public const string GrpcEndpointName = "grpc";
    public const string P2pEndpointName = "p2p";

    /// <summary>Each collection is stored on two nodes, so one node can be lost without losing data.</summary>
    public const int ReplicationFactor = 2;

    public EndpointReference GrpcEndpoint => Nodes[0].GetEndpoint(GrpcEndpointName);
}
