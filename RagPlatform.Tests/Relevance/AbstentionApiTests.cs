using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Bench.Client;
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

        Assert.Equal("abstained", answer.GetProperty("mode").GetString());
        Assert.Equal("No indexed document answers this question.", answer.GetProperty("answer").GetString());
        Assert.Empty(answer.GetProperty("citations").EnumerateArray());
        var candidate = Assert.Single(answer.GetProperty("candidates").EnumerateArray());
        Assert.Equal(id, candidate.GetProperty("documentId").GetString());
        Assert.True(candidate.GetProperty("score").GetDouble() < 0.2, candidate.ToString());
    }

    [Fact]
    public async Task AskStillAnswersAndCitesWhenADocumentIsRelevant()
    {
        var (collection, id) = await UploadAsync();

        var answer = await AskAsync(Related, collection);

        Assert.Equal("extractive", answer.GetProperty("mode").GetString());
        Assert.Equal(id, answer.GetProperty("citations")[0].GetProperty("documentId").GetString());
        Assert.False(answer.TryGetProperty("candidates", out _));
    }

    [Fact]
    public async Task AStreamedAskThatAbstainsSendsCandidatesThenTheAnswerThenDoneAbstained()
    {
        var (collection, id) = await UploadAsync();
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

        var related = await SearchAsync(new { query = Related, collection, minScore = 0.2 });
        var unrelated = await SearchAsync(new { query = Unrelated, collection, minScore = 0.2 });

        Assert.Equal(id, RagApiClient.DocumentIdOf(Assert.Single(related)));
        Assert.Empty(unrelated);
    }

    /// <summary>One document in a collection of its own, searchable once this returns.</summary>
    private async Task<(string Collection, string Id)> UploadAsync()
    {
        var collection = $"abstain-{Guid.NewGuid():N}";
        var id = $"lighthouse-{Guid.NewGuid():N}";
        var client = fixture.BenchApi;
        await client.UploadAsync(new { id, collection, content = "The lighthouse lamps are serviced every spring by the harbour crew, who replace the bulbs and clean the lenses." });
        await client.WaitForStatusAsync(id, "indexed");
        // Indexed in PostgreSQL; the API's index follows within moments.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while ((await SearchAsync(new { query = Related, collection })).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return (collection, id);
    }

    private async Task<JsonElement> AskAsync(string question, string collection)
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/v1/rag/query", new { question, collection });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<JsonElement>> SearchAsync(object body)
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/v1/rag/search", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
    }
}
