namespace RagPlatform.Api.RateLimiting;

/// <summary>
/// Section "RateLimiting": every client gets <see cref="PermitLimit"/> requests per <see cref="Window"/> in each
/// endpoint group, unless <c>RateLimiting:Groups:{group}</c> says otherwise. Checked at start by <see cref="RateLimitingOptionsValidator"/>.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public int PermitLimit { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per group overrides, keyed by <see cref="RateLimitGroups"/> names.</summary>
    public Dictionary<string, RateLimitGroupOptions> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a request waits for Redis's count before it is counted in this instance instead.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    public RateLimit For(string group) =>
        Groups.TryGetValue(group, out var own)
            ? new RateLimit(own.PermitLimit ?? PermitLimit, own.Window ?? Window)
            : new RateLimit(PermitLimit, Window);
}

/// <summary>One group's overrides; an unset value falls back to the section's.</summary>
public sealed class RateLimitGroupOptions
{
    public int? PermitLimit { get; set; }

    public TimeSpan? Window { get; set; }
}

/// <summary>A group's effective limit: <see cref="PermitLimit"/> requests per <see cref="Window"/> and client.</summary>
public readonly record struct RateLimit(int PermitLimit, TimeSpan Window);
