using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Polly;
using RagPlatform.Api.Search;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Api.Answers;

/// <summary>
/// Answers from retrieved chunks: through the configured chat model when there is one, else
/// extractively. A failing chat model (its <c>chat</c> pipeline timing out, failing, or its breaker
/// open) falls back to the extractive answer, reported as degraded <c>chat</c>, rather than an error.
/// Earlier turns of the conversation go to the chat model before the question; the extractive
/// answer reads the question alone. Only chunks scored at least <see cref="AnswerOptions.MinRelevance"/> are sources;
/// when there are none, ask abstains on both paths alike, before the chat model is asked.
/// </summary>
public sealed partial class AnswerService(
    ILogger<AnswerService> logger, IChatClient? chatClient = null, ResiliencePipeline? pipeline = null, AnswerOptions? options = null)
{
    private readonly ResiliencePipeline _pipeline = pipeline ?? ResiliencePipeline.Empty;
    private readonly double _minRelevance = (options ?? new AnswerOptions()).MinRelevance;

    public const int DefaultContextChunks = 5;
    public const string ExtractiveMode = "extractive";
    public const string GenerativeMode = "generative";
    public const string AbstainedMode = "abstained";

    private const string SystemPrompt = """
        You answer questions using only the numbered sources given to you.
        Cite every statement with the number of its source in square brackets, like [1] or [2][3].
        If the sources do not contain the answer, say that you cannot answer from the indexed documents.
        Be concise.
        """;

    private static readonly ChatOptions Options = new() { Temperature = 0 };

    public async Task<QueryResponse> AnswerAsync(
        string question, IReadOnlyList<ChatTurn> history, IReadOnlyList<SearchHit> retrieved, Degradations degraded, CancellationToken cancellationToken)
    {
        var hits = Sources(retrieved);
        if (hits.Count == 0)
        {
            return new QueryResponse(ExtractiveAnswerer.NothingFound, [], AbstainedMode, degraded.ToResponse(), CandidatesFor(retrieved));
        }

        var citations = CitationsFor(hits);
        if (chatClient is not null && hits.Count > 0)
        {
            try
            {
                var messages = BuildMessages(question, history, hits);
                var response = await _pipeline.ExecuteAsync(
                    async token => await chatClient.GetResponseAsync(messages, Options, token), cancellationToken);
                return new QueryResponse(response.Text, citations, GenerativeMode, degraded.ToResponse());
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The chat model failed; answering extractively instead");
                degraded.Add(Degradations.Chat);
            }
        }
        return new QueryResponse(ExtractiveAnswerer.Answer(question, hits), citations, ExtractiveMode, degraded.ToResponse());
    }

    /// <summary>The answer as Server-Sent Events (see <see cref="AnswerEvents"/>); cancelling stops the chat model.</summary>
    public async IAsyncEnumerable<SseItem<string>> StreamAsync(
        string question, IReadOnlyList<ChatTurn> history, IReadOnlyList<SearchHit> retrieved, Degradations degraded,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var hits = Sources(retrieved);
        if (hits.Count == 0)
        {
            yield return AnswerEvents.Candidates(CandidatesFor(retrieved));
            yield return AnswerEvents.Delta(ExtractiveAnswerer.NothingFound);
            yield return AnswerEvents.Done(AbstainedMode, degraded.ToResponse());
            yield break;
        }

        yield return AnswerEvents.Citations(CitationsFor(hits));
        if (chatClient is not null && hits.Count > 0)
        {
            var sent = false;
            var (stream, failure) = await StartStreamAsync(chatClient, BuildMessages(question, history, hits), cancellationToken);
            await using (stream)
            {
                var first = stream is not null;
                while (stream is not null)
                {
                    string text;
                    try
                    {
                        if (!first && !await stream.Updates.MoveNextAsync())
                        {
                            break;
                        }
                        first = false;
                        text = stream.Updates.Current.Text;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        failure = ex;
                        break;
                    }
                    if (text.Length > 0)
                    {
                        sent = true;
                        yield return AnswerEvents.Delta(text);
                    }
                }
            }

            if (failure is null)
            {
                yield return AnswerEvents.Done(GenerativeMode, degraded.ToResponse());
                yield break;
            }
            if (sent)
            {
                // Half an answer cannot be taken back: say so rather than append a different one.
                logger.LogWarning(failure, "The chat model failed while streaming an answer");
                yield return AnswerEvents.Error("The chat model failed before the answer was complete.");
                yield break;
            }
            logger.LogWarning(failure, "The chat model failed; answering extractively instead");
            degraded.Add(Degradations.Chat);
        }

        // The extractive answer is ready at once; one delta per cited sentence keeps the event shape the same.
        foreach (var piece in SentencePieces().Split(ExtractiveAnswerer.Answer(question, hits)))
        {
            yield return AnswerEvents.Delta(piece);
        }
        yield return AnswerEvents.Done(ExtractiveMode, degraded.ToResponse());
    }

    /// <summary>
    /// Starts the stream and waits for its first update through the pipeline: its timeout bounds the wait for the first
    /// token, its breaker sees the model fail, and a retry (if configured) starts a new stream, since nothing was sent
    /// yet. Once text flows, the stream runs at the model's pace, bounded by the request alone.
    /// </summary>
    private async Task<(ChatStream? Stream, Exception? Failure)> StartStreamAsync(
        IChatClient chat, List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        ChatStream? stream = null;
        try
        {
            var hasUpdate = await _pipeline.ExecuteAsync(async token =>
            {
                if (stream is not null)
                {
                    await stream.DisposeAsync();
                }
                // The stream outlives this callback, whose token the pipeline reuses afterwards: link it only while here.
                var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                stream = new ChatStream(chat.GetStreamingResponseAsync(messages, Options, source.Token).GetAsyncEnumerator(source.Token), source);
                await using var link = token.Register(static s => ((CancellationTokenSource)s!).Cancel(), source);
                return await stream.Updates.MoveNextAsync();
            }, cancellationToken);
            if (hasUpdate)
            {
                return (stream, null);
            }
            await stream!.DisposeAsync();
            return (null, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
            return (null, ex);
        }
    }

    private sealed class ChatStream(IAsyncEnumerator<ChatResponseUpdate> updates, CancellationTokenSource source) : IAsyncDisposable
    {
        public IAsyncEnumerator<ChatResponseUpdate> Updates => updates;

        public async ValueTask DisposeAsync()
        {
            await updates.DisposeAsync();
            source.Dispose();
        }
    }

    /// <summary>The retrieved chunks relevant enough to cite, in their order.</summary>
    private List<SearchHit> Sources(IReadOnlyList<SearchHit> retrieved) => [.. retrieved.Where(hit => hit.Score >= _minRelevance)];

    private static Candidate[] CandidatesFor(IReadOnlyList<SearchHit> retrieved) =>
        retrieved.Select(hit => new Candidate(hit.DocumentId, hit.ChunkId, hit.Title, hit.Text, hit.Score)).ToArray();

    private static Citation[] CitationsFor(IReadOnlyList<SearchHit> hits) =>
        hits.Select((hit, i) => new Citation(i + 1, hit.DocumentId, hit.ChunkId, hit.Title, hit.Text, hit.Ordinal, hit.Score,
            hit.StartOffset, hit.EndOffset, hit.HeadingPath, hit.PageNumber, hit.OcrConfidence is not null, hit.OcrConfidence)).ToArray();

    private static List<ChatMessage> BuildMessages(string question, IReadOnlyList<ChatTurn> history, IReadOnlyList<SearchHit> hits)
    {
        var messages = new List<ChatMessage>(history.Count + 2) { new(ChatRole.System, SystemPrompt) };
        foreach (var turn in history)
        {
            messages.Add(new ChatMessage(SearchValidation.IsUser(turn) ? ChatRole.User : ChatRole.Assistant, turn.Content));
        }
        messages.Add(new ChatMessage(ChatRole.User, BuildPrompt(question, hits)));
        return messages;
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

    /// <summary>Splits after each citation marker, keeping the space with the next piece, so the pieces join back exactly.</summary>
    [GeneratedRegex(@"(?<=\])(?= )")]
    private static partial Regex SentencePieces();
}
