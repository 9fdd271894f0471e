using System.Net;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Client;

/// <summary>The typed client's search and ask (whole and streamed), and the API's refusals as typed exceptions.</summary>
[Collection(ApiCollection.Name)]
public sealed class RagPlatformClientRagTests(ApiFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private async Task<string> IndexAsync(RagPlatformClient client, string collection, CancellationToken cancellationToken)
    {
        var accepted = await client.UploadAsync(new TextDocument(
            "# Ferry timetable\n\n## Winter\n\nThe island ferry leaves the harbour at seven each morning in winter.",
            "text/markdown", Title: "Ferry timetable", Collection: collection,
            Metadata: new Dictionary<string, string> { ["region"] = "north" }), cancellationToken: cancellationToken);
        Assert.Equal(DocumentStatuses.Indexed, (await client.WaitForDocumentAsync(accepted.Id, TimeSpan.FromMilliseconds(100), cancellationToken)).Status);
        return accepted.Id;
    }

    [Fact]
    public async Task SearchAndAskThroughTheClientFindTheDocumentWithItsLocationAndStreamTheAnswer()
    {
        var client = TypedClients.WithToken(fixture);
        using var timeout = new CancellationTokenSource(Wait);
        var collection = $"ferry{Guid.NewGuid():N}"[..20];
        var id = await IndexAsync(client, collection, timeout.Token);
        var scope = new SearchScope(collection, new Dictionary<string, IReadOnlyList<string>> { ["region"] = ["north", "west"] });

        var search = await client.SearchAsync(new SearchRequest("when does the island ferry leave", 5, scope), uncached: true, timeout.Token);
        var answer = await client.AskAsync(new AskRequest("When does the island ferry leave in winter?", Scope: scope), timeout.Token);
        var events = new List<AnswerStreamEvent>();
        await foreach (var streamEvent in client.AskStreamingAsync(new AskRequest("When does the island ferry leave in winter?",
            [ChatTurn.User("Is there a ferry?"), ChatTurn.Assistant("Yes [1].")], Scope: scope), timeout.Token))
        {
            events.Add(streamEvent);
        }

        var hit = Assert.Single(search.Results);
        Assert.Equal(id, hit.DocumentId);
        Assert.NotEmpty(hit.FoundBy);
        Assert.Equal("Ferry timetable > Winter", hit.HeadingPath);
        Assert.True(hit.EndOffset > hit.StartOffset);
        Assert.Empty(search.DegradedOrEmpty);

        Assert.Equal(AnswerModes.Extractive, answer.Mode);
        Assert.Contains("seven each morning", answer.Text);
        Assert.Equal(id, answer.Citations[0].DocumentId);

        var citations = Assert.IsType<CitationsReceived>(events[0]);
        Assert.Equal(1, citations.Citations[0].Number);
        Assert.Equal(id, citations.Citations[0].DocumentId);
        var streamed = string.Concat(events.OfType<TextDelta>().Select(delta => delta.Text));
        Assert.Equal(answer.Text, streamed);
        Assert.Equal(AnswerModes.Extractive, Assert.IsType<AnswerCompleted>(events[^1]).Mode);
    }

    [Fact]
    public async Task AnInvalidSearchIsATypedExceptionNamingTheField()
    {
        var client = TypedClients.WithToken(fixture);

        var problem = await Assert.ThrowsAsync<RagPlatformApiException>(() =>
            client.SearchAsync(new SearchRequest("anything", TopK: 1000), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Contains("topK", problem.Errors.Keys);
        Assert.Contains("traceId", problem.Extensions.Keys);
    }

    [Fact]
    public async Task AReaderUploadingIsRefusedWithTheRoleItNeeds()
    {
        var reader = TypedClients.WithToken(fixture, RagRoles.Reader);

        var problem = await Assert.ThrowsAsync<RagPlatformApiException>(() =>
            reader.UploadAsync(new TextDocument("A reader may not write this."), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, problem.Status);
        Assert.Equal("Not allowed.", problem.Title);
        Assert.Contains("writer", problem.Detail);
    }
}
