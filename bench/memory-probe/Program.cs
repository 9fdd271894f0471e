// Not part of RagPlatform.sln: run by hand for docs/operations.md ("Sizing"), in Release:
//   dotnet run -c Release --project bench/memory-probe -- 300000 ../shared/data/scifact/corpus.jsonl
using System.Diagnostics;
using System.Text.Json;
using RagPlatform.Core.Indexing;

// The embedded index's memory per chunk: SciFact's abstracts cut into chunks of up to 650 characters (the chunker
// makes 11,798 chunks of SciFact's 5,183 documents), each made unique by a number so no text is shared, with random
// unit vectors of 384 dimensions (MiniLM's).
var count = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var corpus = args.Length > 1 ? args[1] : "../shared/data/scifact/corpus.jsonl";
var texts = File.ReadLines(corpus)
    .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!)
    .SelectMany(text => text.Chunk(650).Select(chars => new string(chars)))
    .ToList();
Console.WriteLine($"{texts.Count} corpus chunks of {texts.Average(t => t.Length):0} characters on average");

var random = new Random(1);
var workingSetBefore = WorkingSetAfterFullCollection();
var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
using var index = new EmbeddedSearchIndex(384);
var batch = new List<IndexedChunk>();
for (var i = 0; i < count; i++)
{
    var document = $"doc-{i / 2}";
    batch.Add(new IndexedChunk(Guid.NewGuid(), document, "scifact", "Title " + document, i % 2,
        $"{texts[i % texts.Count]} {i}", 0, 650, UnitVector(random), Tenant: "bench"));
    if (batch.Count == 1000 || i == count - 1)
    {
        await index.UpsertDocumentsAsync(batch);
        batch.Clear();
    }
}

var workingSet = WorkingSetAfterFullCollection() - workingSetBefore;
var heap = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
Console.WriteLine($"{count} chunks: working set +{workingSet / 1048576.0:0} MB ({workingSet / (double)count:0} B/chunk), " +
    $"managed heap +{heap / 1048576.0:0} MB ({heap / (double)count:0} B/chunk)");
GC.KeepAlive(index);

static long WorkingSetAfterFullCollection()
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var process = Process.GetCurrentProcess();
    return process.WorkingSet64;
}

static float[] UnitVector(Random random)
{
    var vector = new float[384];
    for (var d = 0; d < vector.Length; d++)
    {
        vector[d] = (float)(random.NextDouble() * 2 - 1);
    }
    var norm = MathF.Sqrt(vector.Sum(x => x * x));
    for (var d = 0; d < vector.Length; d++)
    {
        vector[d] /= norm;
    }
    return vector;
}
