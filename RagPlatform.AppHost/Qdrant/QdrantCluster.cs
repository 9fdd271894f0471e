namespace RagPlatform.AppHost.Qdrant;

/// <summary>The nodes of a Qdrant cluster; node 0 is the one the others bootstrap from.</summary>
public sealed record QdrantCluster(IReadOnlyList<IResourceBuilder<ContainerResource>> Nodes, IResourceBuilder<ParameterResource> ApiKey)
{
    public const string HttpEndpointName = "http";
    public const string GrpcEndpointName = "grpc";
    public const string P2pEndpointName = "p2p";

    /// <summary>Each collection is stored on two nodes, so one node can be lost without losing data.</summary>
    public const int ReplicationFactor = 2;

    /// <summary>Every node's endpoint of the given name, comma-separated, as the services' Qdrant:Endpoints reads it.</summary>
    public ReferenceExpression EndpointList(string endpointName)
    {
        var list = new ReferenceExpressionBuilder();
        for (var i = 0; i < Nodes.Count; i++)
        {
            if (i > 0)
            {
                list.AppendLiteral(",");
            }
            list.Append($"{Nodes[i].GetEndpoint(endpointName)}");
        }
        return list.Build();
    }
}
