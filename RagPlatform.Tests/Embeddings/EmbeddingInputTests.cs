using RagPlatform.Core.Embeddings;

namespace RagPlatform.Tests.Embeddings;

public class EmbeddingInputTests
{
    [Fact]
    public void TheTitleComesBeforeTheChunkText()
    {
        Assert.Equal("Aspirin and stroke\nThe trial enrolled 400 patients.", EmbeddingInput.For("  Aspirin and stroke ", "The trial enrolled 400 patients."));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void WithoutATitleTheChunkTextIsEmbeddedAlone(string? title)
    {
        Assert.Equal("The trial enrolled 400 patients.", EmbeddingInput.For(title, "The trial enrolled 400 patients."));
    }
}
