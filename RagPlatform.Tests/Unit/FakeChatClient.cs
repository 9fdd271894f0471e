using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace RagPlatform.Tests.Unit;

/// <summary>A chat model that answers with fixed text pieces (or fails after some), and remembers what it was sent.</summary>
public sealed class FakeChatClient(IReadOnlyList<string> pieces, int failAfter = -1) : IChatClient
{
    public List<ChatMessage> Received { get; } = [];

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Received.AddRange(messages);
        return failAfter >= 0
            ? throw new HttpRequestException("Injected fault: the chat model is unreachable.")
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(pieces))));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Received.AddRange(messages);
        for (var i = 0; i < pieces.Count; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            if (i == failAfter)
            {
                throw new HttpRequestException("Injected fault: the chat model went away.");
            }
            yield return new ChatResponseUpdate(ChatRole.Assistant, pieces[i]);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
