using RagPlatform.Core.Extraction;

namespace RagPlatform.Tests.Extraction;

public sealed class PageNumbersTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(99, 1)]
    [InlineData(100, 2)]
    [InlineData(250, 3)]
    [InlineData(10_000, 4)]
    public void AnOffsetBelongsToTheLastPageStartingAtOrBeforeIt(int offset, int page)
    {
        Assert.Equal(page, PageNumbers.ForOffset([0, 100, 250, 400], offset));
    }

    [Fact]
    public void AnEmptyPageSharesItsStartWithTheNextPageWhichOwnsTheText()
    {
        Assert.Equal(3, PageNumbers.ForOffset([0, 100, 100], 100));
    }
}
