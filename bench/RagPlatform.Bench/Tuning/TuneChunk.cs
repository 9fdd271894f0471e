namespace RagPlatform.Bench.Tuning;

/// <summary>One chunk of a corpus document as the worker would store it: corpus id, title, ordinal, text.</summary>
public sealed record TuneChunk(string CorpusId, string Title, int Ordinal, string Text, int StartOffset, int EndOffset);
