namespace RagPlatform.Api.Search;

/// <summary>
/// What one request had to do without, reported as the response's <c>degraded</c> array instead of failing:
/// <c>cache</c> (Redis), <c>embedding</c> (keyword-only search), <c>index</c> (keyword search from PostgreSQL),
/// <c>chat</c> (extractive answer).
/// </summary>
public sealed class Degradations
{
    public const string Cache = "cache";
    public const string Embedding = "embedding";
    public const string Index = "index";
    public const string Chat = "chat";

    private readonly List<string> _items = [];
    private readonly Lock _gate = new();

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _items.Count == 0;
            }
        }
    }

    public bool Contains(string dependency)
    {
        lock (_gate)
        {
            return _items.Contains(dependency);
        }
    }

    public void Add(string dependency)
    {
        lock (_gate)
        {
            if (!_items.Contains(dependency))
            {
                _items.Add(dependency);
            }
        }
    }

    /// <summary>The list for a response: null when nothing was missing, so the member is left out.</summary>
    public IReadOnlyList<string>? ToResponse()
    {
        lock (_gate)
        {
            return _items.Count == 0 ? null : _items.ToArray();
        }
    }
}
