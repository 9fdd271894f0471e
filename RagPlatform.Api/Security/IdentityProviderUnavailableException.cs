namespace RagPlatform.Api.Security;

/// <summary>
/// A token of the configured identity provider that could not be checked because the provider's metadata and keys
/// could not be fetched: the library reports it as a wrong issuer (it had none to compare with), which would send the
/// caller looking in the wrong place.
/// </summary>
public sealed class IdentityProviderUnavailableException(string authority, Exception reported)
    : Exception($"The identity provider's metadata and keys at {authority} are unreachable or name another issuer.", reported);
