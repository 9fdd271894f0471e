using System.Security.Cryptography;
using System.Text;
using RagPlatform.Worker.Ingestion;

namespace RagPlatform.Tests.Unit;

public sealed class ChunkIdsTests
{
    private static readonly byte[] Hash = SHA256.HashData(Encoding.UTF8.GetBytes("content"));

    [Fact]
    public void SameDocumentContentAndPositionGiveTheSameId() =>
        Assert.Equal(ChunkIds.For("doc", Hash, 3), ChunkIds.For("doc", Hash, 3));

    [Fact]
    public void AnyDifferenceGivesAnotherId()
    {
        var id = ChunkIds.For("doc", Hash, 3);

        Assert.NotEqual(id, ChunkIds.For("doc", Hash, 4));
        Assert.NotEqual(id, ChunkIds.For("doc2", Hash, 3));
        Assert.NotEqual(id, ChunkIds.For("doc", SHA256.HashData("other"u8), 3));
    }

    [Fact]
    public void IdIsAVersion8Uuid() => Assert.Equal('8', ChunkIds.For("doc", Hash, 0).ToString()[14]);
}
