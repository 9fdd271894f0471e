namespace RagPlatform.Bench.Client;

public static class DocumentStatuses
{
    public const string Indexed = "indexed";
    public const string Failed = "failed";

    public static bool IsFinal(string status) => status is Indexed or Failed;
}
