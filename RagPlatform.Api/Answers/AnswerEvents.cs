using System.Net.ServerSentEvents;
using System.Text.Json;
using RagPlatform.Api.Search;

namespace RagPlatform.Api.Answers;

/// <summary>
/// The Server-Sent Events of a streamed answer, each <c>event: NAME</c> with one JSON <c>data:</c> line:
/// <c>citations</c> <c>{"citations":[...]}</c> first, then <c>delta</c> <c>{"text":"..."}</c> pieces whose
/// concatenation is the answer, then <c>done</c> <c>{"mode":"generative"|"extractive"}</c> (with <c>"degraded":[...]</c> when something was missing); or, when the chat
/// model fails after text was sent, <c>error</c> <c>{"message":"..."}</c> instead of <c>done</c>. When ask abstains (nothing
/// retrieved is relevant enough to cite), <c>candidates</c> <c>{"candidates":[...]}</c> comes first instead of
/// <c>citations</c>, and <c>done</c> says <c>{"mode":"abstained"}</c>.
/// </summary>
public static class AnswerEvents
{
    public const string CitationsEvent = "citations";
    public const string CandidatesEvent = "candidates";
    public const string DeltaEvent = "delta";
    public const string DoneEvent = "done";
    public const string ErrorEvent = "error";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SseItem<string> Citations(IReadOnlyList<Citation> citations) => Item(CitationsEvent, new { citations });

    public static SseItem<string> Candidates(IReadOnlyList<Candidate> candidates) => Item(CandidatesEvent, new { candidates });

    public static SseItem<string> Delta(string text) => Item(DeltaEvent, new { text });

    public static SseItem<string> Done(string mode, IReadOnlyList<string>? degraded = null) =>
        degraded is null ? Item(DoneEvent, new { mode }) : Item(DoneEvent, new { mode, degraded });

    public static SseItem<string> Error(string message) => Item(ErrorEvent, new { message });

    // Serialised here rather than by the result: JSON escapes line breaks, so each event is a single data line.
    private static SseItem<string> Item<T>(string name, T payload) => new(JsonSerializer.Serialize(payload, Json), name);
}
