namespace RagPlatform.Tests.Indexing;

/// <summary>
/// The Qdrant server the Qdrant tests run against: the nodes QDRANT_ENDPOINT names (gRPC endpoints, comma-separated, e.g.
/// http://localhost:6334 or a cluster's http://n0:6334,http://n1:6334,http://n2:6334), else they are skipped.
/// </summary>
public static class QdrantServer
{
    public const string EndpointVariable = "QDRANT_ENDPOINT";
    public const string ApiKeyVariable = "QDRANT_API_KEY";

    public static string? Endpoint => Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } endpoint ? endpoint : null;

    public static string? ApiKey => Environment.GetEnvironmentVariable(ApiKeyVariable);

    /// <summary>Skips the calling test, with the reason shown, when no server is configured.</summary>
    public static void SkipUnlessConfigured() =>
        Assert.SkipWhen(Endpoint is null, $"{EndpointVariable} is not set: no Qdrant server to test against");
}
