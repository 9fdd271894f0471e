using System.Text.Json.Serialization;

namespace RagPlatform.Bench.Beir;

public sealed record BeirQuery(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("text")] string Text);
