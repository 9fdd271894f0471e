namespace RagPlatform.Api.Search;

/// <summary>
/// The position in the index change log that this instance's searches reflect, whatever the backend: the embedded
/// index's own projection, or the Qdrant projection's checkpoint. Anything cached under an older version may
/// describe documents since replaced or deleted.
/// </summary>
public interface IIndexVersion
{
    /// <summary>The applied change-log sequence, or null while unknown (nothing may be cached then).</summary>
    long? Current { get; }

    /// <summary>
    /// Waits until this instance's index has applied change <paramref name="sequence"/> (read-your-writes for the
    /// caller), at most Index:ReadYourWriteTimeout: false when that passed first and the change is still pending.
    /// </summary>
    Task<bool> WaitForAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>False while the index cannot answer yet (the embedded index loading at start): searches fall back then.</summary>
    bool IsReady => true;
}
