using System.Net;
using System.Text.Json;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>A tenant can neither read, find nor delete another tenant's documents, even under the same id.</summary>
[Collection(ApiCollection.Name)]
public sealed class TenantIsolationTests(ApiFixture fixture)
{
    [Fact]
    public async Task TenantsNeverSeeOrTouchEachOthersDocuments()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var alpha = fixture.CreateClient(TestCredentials.Token(tenant: $"alpha-{run}"), serviceToken: true);
        using var beta = fixture.CreateClient(TestCredentials.Token(tenant: $"beta-{run}"), serviceToken: true);
        var alphaApi = new RagPlatformClient(alpha);
        var betaApi = new RagPlatformClient(beta);
        const string sharedId = "handbook";
        var alphaOnly = $"alpha-secret-{run}";
        var alphaWord = $"zephyrine{run}";

        // The same id in two tenants is two documents, not a conflict.
        await alphaApi.UploadAsync(new TextDocument($"Alpha's handbook: the {alphaWord} protocol governs night shifts.", Id: sharedId));
        await betaApi.UploadAsync(new TextDocument("Beta's handbook: lunch is served at noon in the atrium.", Id: sharedId));
        await alphaApi.UploadAsync(new TextDocument($"Alpha's confidential {alphaWord} escalation roster.", Id: alphaOnly));
        await alphaApi.WaitForStatusAsync(sharedId, DocumentStatuses.Indexed);
        await alphaApi.WaitForStatusAsync(alphaOnly, DocumentStatuses.Indexed);
        await betaApi.WaitForStatusAsync(sharedId, DocumentStatuses.Indexed);
        var alphaHits = await alphaApi.SearchUntilFoundAsync($"{alphaWord} protocol", alphaOnly, TimeSpan.FromSeconds(5));
        Assert.Contains(alphaHits, hit => hit.DocumentId == sharedId);

        // Find: beta's search and answers never draw on alpha's chunks.
        var betaHits = await betaApi.SearchAsync($"{alphaWord} protocol escalation roster", topK: 20);
        Assert.All(betaHits, hit => Assert.DoesNotContain(alphaWord, hit.Text));
        var answer = await betaApi.AskAsync(new AskRequest($"What is the {alphaWord} protocol?"));
        // Anywhere in it: the text, the citations, the candidates.
        Assert.DoesNotContain(alphaWord, JsonSerializer.Serialize(answer));

        // Read: beta's copy of the shared id is beta's; alpha's own document does not exist for beta.
        Assert.Equal(sharedId, (await betaApi.GetDocumentAsync(sharedId)).Id);
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(() => betaApi.GetDocumentAsync(alphaOnly)));
        var betaList = await betaApi.ListDocumentsAsync(pageSize: RagPlatformClient.MaxPageSize);
        Assert.Equal(1, betaList.Total);
        Assert.Equal(sharedId, betaList.Items[0].Id);

        // Delete, replace, retry: alpha's documents are out of beta's reach.
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(() => betaApi.DeleteAsync(alphaOnly)));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(() => betaApi.ReplaceAsync(alphaOnly, new TextDocument("overwritten"))));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(() => betaApi.RetryAsync(alphaOnly)));
        Assert.True((await betaApi.DeleteAsync(sharedId)).RemovedFromSearch);

        Assert.Equal(DocumentStatuses.Indexed, (await alphaApi.GetDocumentAsync(alphaOnly)).Status);
        Assert.Equal(DocumentStatuses.Indexed, (await alphaApi.GetDocumentAsync(sharedId)).Status);
        var afterDelete = await alphaApi.SearchAsync($"{alphaWord} protocol", topK: 10);
        Assert.Contains(afterDelete, hit => hit.DocumentId == sharedId);
    }

    [Fact]
    public async Task AnIdempotencyKeyBelongsToOneTenant()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var alpha = fixture.CreateClient(TestCredentials.Token(tenant: $"alpha-{run}"));
        using var beta = fixture.CreateClient(TestCredentials.Token(tenant: $"beta-{run}"));
        var key = $"same-key-{run}";

        var first = await new RagPlatformClient(alpha).UploadAsync(new TextDocument("Alpha's upload.", Id: "a"), idempotencyKey: key);
        var second = await new RagPlatformClient(beta).UploadAsync(new TextDocument("Beta's different upload.", Id: "b"), idempotencyKey: key);

        Assert.Equal("a", first.Id);
        Assert.Equal("b", second.Id);
        Assert.Equal("b", (await new RagPlatformClient(beta).GetDocumentAsync("b")).Id);
    }

    /// <summary>The status of the API's refusal of <paramref name="call"/>; fails the test when the call succeeds.</summary>
    private static async Task<HttpStatusCode> StatusOfAsync(Func<Task> call) => (await Assert.ThrowsAsync<RagPlatformApiException>(call)).Status;
}
