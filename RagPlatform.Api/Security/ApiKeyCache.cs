using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using RagPlatform.Core.ApiKeys;

namespace RagPlatform.Api.Security;

/// <summary>
/// Presented API keys, looked up in <see cref="ApiKeyStore"/> and cached for Auth:ApiKeyCacheDuration, so a busy client
/// costs no query per request. Keyed by the secret's hash: the cache holds no secret.
/// </summary>
public sealed class ApiKeyCache(ApiKeyStore store, IMemoryCache cache, IOptions<AuthOptions> options)
{
    /// <summary>The identity of a valid, unrevoked key; null for anything else.</summary>
    public async Task<ApiKeyIdentity?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        if (!ApiKeyStore.IsWellFormed(secret))
        {
            return null;
        }

        var hash = ApiKeyStore.Hash(secret);
        var cacheKey = Convert.ToHexString(hash);
        if (cache.TryGetValue(cacheKey, out ApiKeyIdentity? known))
        {
            return known;
        }

        var identity = await store.FindAsync(hash, cancellationToken);
        // Unknown keys are cached too, so a client hammering with a bad key costs no query per request.
        if (options.Value.ApiKeyCacheDuration > TimeSpan.Zero)
        {
            cache.Set(cacheKey, identity, options.Value.ApiKeyCacheDuration);
        }
        return identity;
    }
}
