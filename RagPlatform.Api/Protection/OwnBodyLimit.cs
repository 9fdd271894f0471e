namespace RagPlatform.Api.Protection;

/// <summary>Endpoint metadata: the endpoint enforces a body size limit of its own, so the global one does not apply.</summary>
public sealed class OwnBodyLimit
{
    public static readonly OwnBodyLimit Instance = new();

    private OwnBodyLimit()
    {
    }
}
