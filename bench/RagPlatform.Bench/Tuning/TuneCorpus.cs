using RagPlatform.Bench.Beir;
using RagPlatform.Bench.Ingestion;
using RagPlatform.Core.Chunking;
using RagPlatform.Core.Extraction;

namespace RagPlatform.Bench.Tuning;

/// <summary>
/// Chunks a BEIR corpus the way an upload through the API is chunked: the same title and content the
/// ingest command sends, plain-text extraction, then the real <see cref="TextChunker"/>.
/// </summary>
public static class TuneCorpus
{
    public static List<TuneChunk> Chunk(IEnumerable<CorpusDocument> corpus, ITokenCounter counter, ChunkingOptions options)
    {
        var chunker = new TextChunker(counter, options);
        var extractor = new TextExtractor();
        var chunks = new List<TuneChunk>();
        foreach (var document in corpus)
        {
            var upload = CorpusIngester.ToUpload(document.Id, "tune", document);
            var extracted = extractor.Extract(upload.Content, upload.ContentType);
            foreach (var chunk in chunker.Chunk(extracted.Text))
            {
                chunks.Add(new TuneChunk(document.Id, upload.Title ?? "", chunk.Ordinal, chunk.Text, chunk.StartOffset, chunk.EndOffset));
            }
        }

        return chunks;
    }
}
