namespace RagPlatform.Api.Search;

/// <summary>An index whose version is not tracked: nothing searched in it is cached.</summary>
public sealed class UnversionedIndex : IIndexVersion
{
    public long? Current => null;

    public Task WaitForAsync(long sequence, CancellationToken cancellationToken) => Task.CompletedTask;
}
