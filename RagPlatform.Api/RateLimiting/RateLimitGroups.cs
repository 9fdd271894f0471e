namespace RagPlatform.Api.RateLimiting;

/// <summary>The endpoint groups that have a budget of their own; each is also the name of its rate limiter policy.</summary>
public static class RateLimitGroups
{
    public const string Documents = "documents";

    /// <summary>Search and ask.</summary>
    public const string Search = "search";

    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Documents, Search, Admin];
}
