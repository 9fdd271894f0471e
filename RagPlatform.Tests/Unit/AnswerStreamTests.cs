using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Api.Answers;
using RagPlatform.Api.Search;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Unit;

/// <summary>The streamed answer's Server-Sent Events, written by the same result the endpoint returns, on a memory stream.</summary>
public sealed class AnswerStreamTests
{
    private static readonly SearchHit[] Hits =
    [
        new(Guid.Parse("11111111-1111-1111-1111-111111111111"), "handbook", "Ops handbook",
            "Backups run nightly at 02:00 and are kept for 30 days.", 0, 1.0, Retrievers.Dense | Retrievers.Keyword, 10, 64, "Backups", null),
    ];

    [Fact]
    public async Task GenerativeAnswerStreamsCitationsThenEachPieceThenDone()
    {
        var chat = new FakeChatClient(["Backups run ", "nightly [1].\nThey are kept\r\nfor 30 days [1]."]);

        var body = await StreamAsync(chat, "When do backups run?");

        Assert.Equal(
            "event: citations\ndata: {\"citations\":[{\"number\":1,\"documentId\":\"handbook\",\"chunkId\":\"11111111-1111-1111-1111-111111111111\"," +
            "\"title\":\"Ops handbook\",\"text\":\"Backups run nightly at 02:00 and are kept for 30 days.\",\"ordinal\":0,\"score\":1," +
            "\"startOffset\":10,\"endOffset\":64,\"headingPath\":\"Backups\",\"pageNumber\":null,\"ocr\":false,\"ocrConfidence\":null}]}\n\n" +
            "event: delta\ndata: {\"text\":\"Backups run \"}\n\n" +
            "event: delta\ndata: {\"text\":\"nightly [1].\\nThey are kept\\r\\nfor 30 days [1].\"}\n\n" +
            "event: done\ndata: {\"mode\":\"generative\"}\n\n",
            body);
    }

    [Fact]
    public async Task HistoryReachesTheChatModelAsEarlierTurns()
    {
        var chat = new FakeChatClient(["Thirty days [1]."]);
        ChatTurn[] history = [new("user", "When do backups run?"), new("assistant", "Nightly at 02:00 [1].")];

        await new AnswerService(NullLogger<AnswerService>.Instance, chat).AnswerAsync("How long are they kept?", history, Hits, new Degradations(), CancellationToken.None);

        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], chat.Received.Select(m => m.Role));
        Assert.Equal("When do backups run?", chat.Received[1].Text);
        Assert.Equal("Nightly at 02:00 [1].", chat.Received[2].Text);
        Assert.EndsWith("Question: How long are they kept?", chat.Received[3].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModelFailingBeforeAnyTextFallsBackToTheExtractiveAnswer()
    {
        var body = await StreamAsync(new FakeChatClient(["never sent"], failAfter: 0), "When do backups run?");

        Assert.Contains("event: delta\ndata: {\"text\":\"Backups run nightly at 02:00 and are kept for 30 days. [1]\"}\n\n", body, StringComparison.Ordinal);
        Assert.EndsWith("event: done\ndata: {\"mode\":\"extractive\",\"degraded\":[\"chat\"]}\n\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModelFailingMidAnswerEndsWithAnErrorEvent()
    {
        var body = await StreamAsync(new FakeChatClient(["Backups run ", "nightly"], failAfter: 1), "When do backups run?");

        Assert.Contains("event: delta\ndata: {\"text\":\"Backups run \"}\n\n", body, StringComparison.Ordinal);
        Assert.EndsWith("event: error\ndata: {\"message\":\"The chat model failed before the answer was complete.\"}\n\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("event: done", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAChatModelTheExtractiveAnswerStreams()
    {
        var body = await StreamAsync(null, "When do backups run?");

        Assert.StartsWith("event: citations\n", body, StringComparison.Ordinal);
        Assert.EndsWith("event: done\ndata: {\"mode\":\"extractive\"}\n\n", body, StringComparison.Ordinal);
    }

    private static async Task<string> StreamAsync(IChatClient? chat, string question)
    {
        var answers = new AnswerService(NullLogger<AnswerService>.Instance, chat);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await TypedResults.ServerSentEvents(answers.StreamAsync(question, [], Hits, new Degradations(), CancellationToken.None)).ExecuteAsync(context);

        Assert.Equal("text/event-stream", context.Response.ContentType);
        return Encoding.UTF8.GetString(body.ToArray());
    }
}
