using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Projection;

/// <summary>Read-your-writes with the embedded index, which each API instance projects itself.</summary>
[Collection(ApiCollection.Name)]
public sealed class EmbeddedReadYourWriteTests(ApiFixture fixture)
{
    [Fact]
    public Task ADocumentReportedIndexedIsFoundByTheSameInstanceAtOnce() => ReadYourWriteScenarios.IndexedMeansFoundAsync(fixture.Client);

    [Fact]
    public Task ADeleteAnswered204IsNotFoundByTheAnsweringInstance() => ReadYourWriteScenarios.DeleteAnswered204IsNotFoundAsync(fixture.Client);
}
