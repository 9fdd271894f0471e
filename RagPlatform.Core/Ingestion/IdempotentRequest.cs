namespace RagPlatform.Core.Ingestion;

/// <summary>
/// A request sent with an idempotency key: <paramref name="Key"/> (already scoped to the tenant),
/// <paramref name="RequestHash"/> to tell a repeat from a different request under the same key, and the answer
/// (<paramref name="StatusCode"/>, <paramref name="Response"/> as JSON) to store for repeats when it succeeds.
/// </summary>
public sealed record IdempotentRequest(string Key, byte[] RequestHash, int StatusCode, object Response);
