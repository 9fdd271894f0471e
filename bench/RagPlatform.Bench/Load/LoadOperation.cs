namespace RagPlatform.Bench.Load;

public enum LoadOperation
{
    Search,
    Ask,
    Upload,
}
