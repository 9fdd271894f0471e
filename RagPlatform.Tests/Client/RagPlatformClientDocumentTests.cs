using System.Net;
using System.Text;
using RagPlatform.Client;
using RagPlatform.Tests.Extraction;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Client;

/// <summary>The typed client's document methods against the real API and worker (PostgreSQL, the embedded index).</summary>
[Collection(ApiCollection.Name)]
public sealed class RagPlatformClientDocumentTests(ApiFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AFileUploadedThroughTheClientIsIndexedListedReplacedAndDeleted()
    {
        var client = TypedClients.WithToken(fixture);
        using var timeout = new CancellationTokenSource(Wait);
        var collection = $"client{Guid.NewGuid():N}"[..20];
        var pdf = TestDocuments.Pdf("Orchard survey", [["The orchard's quince trees blossomed in early April."]]);

        var accepted = await client.UploadAsync(new FileUpload(new MemoryStream(pdf), "orchard.pdf", "application/pdf",
            Collection: collection, Metadata: new Dictionary<string, string> { ["team"] = "gardens" }), cancellationToken: timeout.Token);
        var second = await client.UploadAsync(new TextDocument("# Hives\n\nThe apiary holds twelve beehives.", "text/markdown",
            Title: "Apiary", Collection: collection), cancellationToken: timeout.Token);

        var indexed = await client.WaitForDocumentAsync(accepted.Id, TimeSpan.FromMilliseconds(100), timeout.Token);
        Assert.Equal(DocumentStatuses.Indexed, indexed.Status);
        Assert.Equal("Orchard survey", indexed.Title);
        Assert.Equal("gardens", indexed.Metadata["team"]);
        Assert.Equal("orchard.pdf", indexed.FileName);
        Assert.Equal(DocumentStatuses.Indexed, (await client.WaitForDocumentAsync(second.Id, TimeSpan.FromMilliseconds(100), timeout.Token)).Status);

        var firstPage = await client.ListDocumentsAsync(page: 1, pageSize: 1, collection, timeout.Token);
        var secondPage = await client.ListDocumentsAsync(page: 2, pageSize: 1, collection, timeout.Token);
        Assert.Equal(2, firstPage.Total);
        Assert.Equal([second.Id, accepted.Id], [firstPage.Items.Single().Id, secondPage.Items.Single().Id]);

        await client.ReplaceAsync(accepted.Id, new FileUpload(new MemoryStream(Encoding.UTF8.GetBytes("Walnut trees were planted by the orchard gate.")),
            "orchard.txt", "text/plain"), timeout.Token);
        var replaced = await client.WaitForDocumentAsync(accepted.Id, TimeSpan.FromMilliseconds(100), timeout.Token);
        Assert.Equal(2, replaced.Version);
        var found = await client.SearchAsync(new SearchRequest("walnut trees orchard gate", 3, new SearchScope(collection)), cancellationToken: timeout.Token);
        Assert.Equal(accepted.Id, found.Results[0].DocumentId);

        var deleted = await client.DeleteAsync(accepted.Id, timeout.Token);
        Assert.True(deleted.RemovedFromSearch);
        var gone = await Assert.ThrowsAsync<RagPlatformApiException>(() => client.GetDocumentAsync(accepted.Id, timeout.Token));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal(1, (await client.ListDocumentsAsync(collection: collection, cancellationToken: timeout.Token)).Total);
    }

    [Fact]
    public async Task AFailedDocumentIsRetriedThroughTheClientAndARetryOfAnIndexedOneIsAConflict()
    {
        var client = TypedClients.WithToken(fixture);
        using var timeout = new CancellationTokenSource(Wait);
        const string phrase = "The lighthouse keeper logs every passing ship";
        fixture.Embeddings.FailNext(1_000, onlyWhenContaining: phrase);
        DocumentAccepted accepted;
        try
        {
            accepted = await client.UploadAsync(new TextDocument($"{phrase} {Guid.NewGuid():N}."), cancellationToken: timeout.Token);
            var failed = await client.WaitForDocumentAsync(accepted.Id, TimeSpan.FromMilliseconds(100), timeout.Token);
            Assert.Equal(DocumentStatuses.Failed, failed.Status);
            Assert.Contains("Gave up after 3 attempts", failed.Error);
        }
        finally
        {
            fixture.Embeddings.FailNext(0);
        }

        var retried = await client.RetryAsync(accepted.Id, timeout.Token);

        Assert.Equal(DocumentStatuses.Queued, retried.Status);
        Assert.Equal(DocumentStatuses.Indexed, (await client.WaitForDocumentAsync(accepted.Id, TimeSpan.FromMilliseconds(100), timeout.Token)).Status);
        var conflict = await Assert.ThrowsAsync<RagPlatformApiException>(() => client.RetryAsync(accepted.Id, timeout.Token));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal("Only a failed document can be retried.", conflict.Title);
        Assert.Contains("is indexed", conflict.Detail);
    }
}
