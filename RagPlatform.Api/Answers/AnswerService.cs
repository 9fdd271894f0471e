using System.Text;
using Microsoft.Extensions.AI;
using RagPlatform.Api.Search;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Api.Answers;

/// <summary>
/// Answers from retrieved chunks: through the configured chat model when there is one, else
/// extractively. A failing chat model falls back to the extractive answer rather than an error.
/// </summary>
public sealed class AnswerService(ILogger<AnswerService> logger, IChatClient? chatClient = null)
{
    public const int DefaultContextChunks = 5;
    public const string ExtractiveMode = "extractive";
    public const string GenerativeMode = "generative";

    private const string SystemPrompt = """
        You answer questions using only the numbered sources given to you.
        Cite every statement with the number of its source in square brackets, like [1] or [2][3].
        If the sources do not contain the answer, say that you cannot answer from the indexed documents.
        Be concise.
        """;

    public async Task<QueryResponse> AnswerAsync(string question, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken)
    {
        var citations = hits.Select((hit, i) => new Citation(i + 1, hit.DocumentId, hit.ChunkId, hit.Title, hit.Text, hit.Ordinal, hit.Score)).ToArray();
        if (chatClient is not null && hits.Count > 0)
        {
            try
            {
                var response = await chatClient.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, BuildPrompt(question, hits))],
                    new ChatOptions { Temperature = 0 },
                    cancellationToken);
                return new QueryResponse(response.Text, citations, GenerativeMode);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The chat model failed; answering extractively instead");
            }
        }
        return new QueryResponse(ExtractiveAnswerer.Answer(question, hits), citations, ExtractiveMode);
    }

    private static string BuildPrompt(string question, IReadOnlyList<SearchHit> hits)
    {
        var prompt = new StringBuilder("Sources:\n");
        for (var i = 0; i < hits.Count; i++)
        {
            prompt.Append('[').Append(i + 1).Append("] ").Append(hits[i].Title).Append('\n').Append(hits[i].Text).Append("\n\n");
        }
        return prompt.Append("Question: ").Append(question).ToString();
    }
}
