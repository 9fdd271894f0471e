namespace RagPlatform.Core.ApiKeys;

/// <summary>Whom a presented key stands for.</summary>
public sealed record ApiKeyIdentity(Guid Id, string Tenant, string Name, string[] Roles);
