namespace RagPlatform.Tests.Indexing;

/// <summary>
/// A fact that needs a Qdrant server: skipped, with the reason shown, unless QDRANT_ENDPOINT is set.
/// On a test class it skips the class's inherited <see cref="ConformanceFactAttribute"/> tests the same way.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
public sealed class QdrantFactAttribute : FactAttribute
{
    public const string EndpointVariable = "QDRANT_ENDPOINT";
    public const string ApiKeyVariable = "QDRANT_API_KEY";

    public QdrantFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EndpointVariable)))
        {
            Skip = $"{EndpointVariable} is not set: no Qdrant server to test against";
        }
    }
}
