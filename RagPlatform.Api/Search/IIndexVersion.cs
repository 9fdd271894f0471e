namespace RagPlatform.Api.Search;

/// <summary>
/// The position in the index change log that this instance's searches reflect. Anything cached
/// under an older version may describe documents since replaced or deleted.
/// </summary>
public interface IIndexVersion
{
    /// <summary>The applied change-log sequence, or null while unknown (nothing may be cached then).</summary>
    long? Current { get; }

    /// <summary>Waits (briefly) until this instance reflects change <paramref name="sequence"/>: read-your-writes for the caller.</summary>
    Task WaitForAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>False while the index cannot answer yet (the embedded index loading at start): searches fall back then.</summary>
    bool IsReady => true;
}
