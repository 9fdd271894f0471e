using Microsoft.ML.Tokenizers;
using RagPlatform.Core.Chunking;

namespace RagPlatform.Core.Embeddings;

/// <summary>
/// The all-MiniLM-L6-v2 WordPiece tokenizer on its own, so chunk sizes can be counted in model tokens
/// without loading the 90 MB model (e.g. when a remote provider does the embedding).
/// </summary>
public sealed class MiniLmTokenizer : ITokenCounter
{
    private readonly BertTokenizer _tokenizer;

    public MiniLmTokenizer()
    {
        using var vocabulary = MiniLmResources.Open(MiniLmResources.Vocabulary);
        // The model is uncased: its vocabulary only holds lower-case pieces.
        _tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
    }

    public int PaddingTokenId => _tokenizer.PaddingTokenId;

    public int CountTokens(string text) => _tokenizer.CountTokens(text);

    /// <summary>Token ids with [CLS] and [SEP], cut so the whole sequence holds at most <paramref name="maxTokens"/> ids.</summary>
    public IReadOnlyList<int> Encode(string text, int maxTokens) =>
        _tokenizer.EncodeToIds(text, maxTokens, addSpecialTokens: true, out _, out _);
}
