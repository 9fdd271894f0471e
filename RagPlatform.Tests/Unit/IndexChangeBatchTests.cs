using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Unit;

public sealed class IndexChangeBatchTests
{
    [Fact]
    public void NewestChangePerDocumentWins()
    {
        var batch = IndexChangeBatch.Coalesce(
        [
            new(11, "a", IsDelete: false),
            new(12, "b", IsDelete: false),
            new(13, "a", IsDelete: true),
            new(14, "c", IsDelete: true),
            new(15, "c", IsDelete: false),
        ], appliedSequence: 10);

        Assert.Equal(["b", "c"], batch.Upserts.Order());
        Assert.Equal(["a"], batch.Deletes);
        Assert.Equal(15, batch.LastSequence);
    }

    [Fact]
    public void ChangesAlreadyAppliedAreIgnored()
    {
        var batch = IndexChangeBatch.Coalesce([new(5, "old", IsDelete: true), new(9, "new", IsDelete: false)], appliedSequence: 7);

        Assert.Equal(["new"], batch.Upserts);
        Assert.Empty(batch.Deletes);
        Assert.Equal(9, batch.LastSequence);
    }

    [Fact]
    public void NoChangesKeepTheAppliedSequence()
    {
        var batch = IndexChangeBatch.Coalesce([], appliedSequence: 42);

        Assert.Empty(batch.Upserts);
        Assert.Empty(batch.Deletes);
        Assert.Equal(42, batch.LastSequence);
    }
}
