using Microsoft.Extensions.AI;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Relevance;

/// <summary>
/// Small collections as a new user builds them, embedded by the real MiniLM model (int8, the default) once per test
/// class: ordinary documents on everyday topics, each with codes of its own that look like the ones searched for, plus
/// the documents a test plants. Embeddings are cached by text, so each size reuses the smaller ones'.
/// </summary>
public sealed class RelevanceCorpus : IDisposable
{
    private static readonly string[] Topics =
    [
        "The quarterly maintenance plan covers the cooling pumps and the backup generators of the plant.",
        "Invoices are approved by the finance team within five working days of receipt.",
        "The onboarding guide explains how new staff request laptops and building access.",
        "Our support desk answers customer questions about orders, returns and delivery times.",
        "The release notes describe fixes to the login page and faster report exports.",
        "Safety training is required before anyone operates the forklift in the warehouse.",
        "The travel policy limits hotel costs and asks for receipts for every expense.",
        "Network outages are reported to the operations channel and logged in the incident tracker.",
        "The marketing calendar lists campaigns, trade fairs and product launches for the year.",
        "Database backups run nightly and are kept for thirty days in the storage cluster.",
        "The cafeteria menu changes weekly and includes vegetarian and gluten-free dishes.",
        "Contracts with suppliers are renewed every two years after a price review.",
    ];

    private readonly MiniLmEmbeddingGenerator _model = new(new MiniLmOptions { MaxBatchSize = 16 });
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Filler document <paramref name="i"/>: one topic, a variation, and codes no test searches for.</summary>
    public static (string Id, string Title, string Text) Filler(int i) =>
        ($"filler-{i}", $"Note {i}",
            $"{Topics[i % Topics.Length]} Entry {i} of the register, item XK-{1000 + i}-A, status code 0x{0x80070100 + i:x8}, build v{10 + (i % 4)}.{i % 7}.{i % 5}, owner staff{i}@example.org, file minutes_{2000 + i}.docx.");

    /// <summary>An index of <paramref name="size"/> documents: <paramref name="planted"/> first, fillers after.</summary>
    public async Task<EmbeddedSearchIndex> IndexAsync(int size, IReadOnlyList<(string Id, string Text)> planted, RetrievalOptions? options = null)
    {
        var documents = planted.Select((p, i) => (p.Id, Title: $"Document {i}", p.Text)).ToList();
        for (var i = 0; documents.Count < size; i++)
        {
            documents.Add(Filler(i));
        }

        var chunks = new List<IndexedChunk>();
        foreach (var (id, title, text) in documents)
        {
            var vector = await EmbedAsync(EmbeddingInput.For(title, text));
            chunks.Add(new IndexedChunk(Guid.NewGuid(), id, "default", title, 0, text, 0, text.Length, vector));
        }

        var index = new EmbeddedSearchIndex(options: options);
        index.Load(chunks);
        return index;
    }

    /// <summary>Searches as the API does: the query's text for BM25 and its embedding for the dense side.</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(EmbeddedSearchIndex index, string query, int topK = 10) =>
        await index.SearchAsync(new SearchRequest(query, await EmbedAsync(query), topK));

    /// <summary>The query embedding <see cref="SearchAsync"/> uses, for a request built by hand.</summary>
    public Task<float[]> QueryVectorAsync(string query) => EmbedAsync(query);

    private async Task<float[]> EmbedAsync(string text)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_vectors.TryGetValue(text, out var vector))
            {
                var generated = await _model.GenerateAsync([text]);
                _vectors[text] = vector = generated[0].Vector.ToArray();
            }

            return vector;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _model.Dispose();
        _gate.Dispose();
    }
}
