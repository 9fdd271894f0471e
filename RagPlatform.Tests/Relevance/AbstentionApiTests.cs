using System.Net.Http.Headers;
using System.Net.Http.Json;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Relevance;

/// <summary>
/// Issue 11 through the HTTP API: scores a user can threshold, and an ask that says no document answers rather than
/// citing whatever came back, in JSON and as Server-Sent Events.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AbstentionApiTests(ApiFixture fixture)
{
    private const string Unrelated = "What is the boiling point of mercury at sea level?";
    private const string Related = "When are the lighthouse lamps serviced?";

    [Fact]
    public async Task AskAbstainsWhenNoDocumentIsRelevantAndListsTheClosestAsUncitedCandidates()
    {
        var (collection, id) = await UploadAsync();

        var answer = await AskAsync(Unrelated, collection);

        Assert.Equal(AnswerModes.Abstained, answer.Mode);
        Assert.Equal("No indexed document answers this question.", answer.Text);
        Assert.Empty(answer.Citations);
        var candidate = Assert.Single(answer.Candidates ?? []);
        Assert.Equal(id, candidate.DocumentId);
        Assert.True(candidate.Score < 0.2, candidate.ToString());
    }

    [Fact]
    public async Task AskStillAnswersAndCitesWhenADocumentIsRelevant()
    {
        var (collection, id) = await UploadAsync();

        var answer = await AskAsync(Related, collection);

        Assert.Equal(AnswerModes.Extractive, answer.Mode);
        Assert.Equal(id, answer.Citations[0].DocumentId);
        Assert.Null(answer.Candidates);
    }

    [Fact]
    public async Task AStreamedAskThatAbstainsSendsCandidatesThenTheAnswerThenDoneAbstained()
    {
        var (collection, id) = await UploadAsync();
        // Raw HTTP: the order and names of the stream's events are what this test is about.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rag/query") { Content = JsonContent.Create(new { question = Unrelated, collection }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await fixture.Client.SendAsync(request);
        var events = ServerSentEvents.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(["candidates", "delta", "done"], events.Select(e => e.Name));
        Assert.Equal(id, events[0].Data.GetProperty("candidates")[0].GetProperty("documentId").GetString());
        Assert.Equal("No indexed document answers this question.", events[1].Data.GetProperty("text").GetString());
        Assert.Equal("abstained", events[2].Data.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task SearchScoresARelevantDocumentAboveTheSuggestedMinScoreAndAnUnrelatedOneBelow()
    {
        var (collection, id) = await UploadAsync();

        var related = await SearchAsync(Related, collection, minScore: 0.2);
        var unrelated = await SearchAsync(Unrelated, collection, minScore: 0.2);

        Assert.Equal(id, Assert.Single(related).DocumentId);
        Assert.Empty(unrelated);
    }

    /// <summary>One document in a collection of its own, searchable once this returns.</summary>
    private async Task<(string Collection, string Id)> UploadAsync()
    {
        var collection = $"abstain-{Guid.NewGuid():N}";
        var id = $"lighthouse-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument(
            "The lighthouse lamps are serviced every spring by the harbour crew, who replace the bulbs and clean the lenses.", Id: id, Collection: collection));
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        // Indexed in PostgreSQL; the API's index follows within moments.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while ((await SearchAsync(Related, collection)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return (collection, id);
    }

    private Task<Answer> AskAsync(string question, string collection) =>
        fixture.Api.AskAsync(new AskRequest(question, Scope: new SearchScope(collection)));

    private async Task<IReadOnlyList<SearchResult>> SearchAsync(string query, string collection, double? minScore = null) =>
        (await fixture.Api.SearchAsync(new SearchRequest(query, Scope: new SearchScope(collection, MinScore: minScore)))).Results;
}
