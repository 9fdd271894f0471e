using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Projection;

/// <summary>Read-your-writes with the embedded index, which each API instance projects itself.</summary>
[Collection(ApiCollection.Name)]
public sealed class EmbeddedReadYourWriteTests(ApiFixture fixture)
{
    [Fact]
    public Task ADocumentReportedIndexedIsFoundByTheSameInstanceAtOnce() => ReadYourWriteScenarios.IndexedMeansFoundAsync(fixture.Api);

    [Fact]
    public Task EveryDocumentReportedIndexedIsFoundOnTheVeryNextSearchInThirtyUploads() =>
        ReadYourWriteScenarios.IndexedMeansFoundEveryTimeAsync(fixture.Api, 30);

    [Fact]
    public Task ADeleteAnswered204IsNotFoundByTheAnsweringInstance() => ReadYourWriteScenarios.DeleteAnswered204IsNotFoundAsync(fixture.Api);

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheDeleteWhoseRemovalFromSearchIsPending()
    {
        var openApi = await fixture.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var delete = openApi.GetProperty("paths").GetProperty("/api/v1/documents/{id}").GetProperty("delete");
        Assert.Contains("202", delete.GetProperty("description").GetString());
        var pending = delete.GetProperty("responses").GetProperty("202").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString();
        var schema = openApi.GetProperty("components").GetProperty("schemas").GetProperty(pending!.Split('/')[^1]).GetProperty("properties");
        Assert.True(schema.TryGetProperty("indexSequence", out _));
        Assert.True(schema.TryGetProperty("removedFromSearch", out _));
    }
}
