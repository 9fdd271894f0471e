namespace RagPlatform.Core.ApiKeys;

/// <summary>A key as the admin API lists it: never its secret.</summary>
public sealed record ApiKeyInfo(Guid Id, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
