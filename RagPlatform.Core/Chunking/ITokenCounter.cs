namespace RagPlatform.Core.Chunking;

/// <summary>Counts tokens the way the embedding model does, so chunk sizes are in model tokens.</summary>
public interface ITokenCounter
{
    /// <summary>Token count of <paramref name="text"/> without the model's special tokens ([CLS], [SEP]).</summary>
    int CountTokens(string text);
}
