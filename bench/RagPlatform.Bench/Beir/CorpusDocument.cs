using System.Text.Json.Serialization;

namespace RagPlatform.Bench.Beir;

public sealed record CorpusDocument(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("text")] string? Text);
