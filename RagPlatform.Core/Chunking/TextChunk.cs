namespace RagPlatform.Core.Chunking;

/// <summary>
/// One piece of an extracted text. <paramref name="Text"/> equals
/// <c>extracted.Substring(StartOffset, EndOffset - StartOffset)</c>; <paramref name="HeadingPath"/> is the chain of
/// markdown headings above it ("Guide > Install"), or null before the first heading.
/// </summary>
public sealed record TextChunk(int Ordinal, string Text, int StartOffset, int EndOffset, int TokenCount, string? HeadingPath);
