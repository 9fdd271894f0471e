namespace RagPlatform.Core.Embeddings;

/// <summary>
/// What a chunk's vector is computed from: the document's title, then the chunk's text (BEIR's practice).
/// A chunk in the middle of an abstract rarely names its subject; the title does, so every chunk of the
/// document is embedded knowing what it is about. The stored and returned chunk text stays the text alone.
/// </summary>
public static class EmbeddingInput
{
    public static string For(string? title, string chunkText)
    {
        ArgumentNullException.ThrowIfNull(chunkText);
        return string.IsNullOrWhiteSpace(title) ? chunkText : $"{title.Trim()}\n{chunkText}";
    }
}
