using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using RagPlatform.Bench.Beir;
using RagPlatform.Bench.Client;
using RagPlatform.Client;

namespace RagPlatform.Bench.Ingestion;

/// <summary>Uploads a BEIR corpus into one collection and waits until the worker has indexed (or failed) all of it.</summary>
public sealed class CorpusIngester(RagPlatformClient client, TextWriter log, bool interactive)
{
    private readonly DocumentUploader _uploader = new(client, TimeProvider.System);

    // Listing the collection costs one request per 100 documents: poll often enough to time the
    // run to about a second, not so often that polling competes with ingestion.
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StallTimeout = TimeSpan.FromMinutes(10);
    private const int ErrorsShown = 5;
    private const int MaxTitleLength = 512;

    /// <summary>Ingests only when some document of the corpus is missing or still in progress; null when all are there.</summary>
    public async Task<IngestReport?> EnsureIngestedAsync(
        IReadOnlyList<CorpusDocument> corpus, string collection, int concurrency, CancellationToken cancellationToken)
    {
        var final = (await client.ListCollectionAsync(collection, cancellationToken))
            .Where(document => document.IsFinal())
            .Select(document => document.Id)
            .ToHashSet();
        return corpus.All(document => final.Contains(DocumentIds.For(collection, document.Id)))
            ? null
            : await IngestAsync(corpus, collection, concurrency, cancellationToken);
    }

    public async Task<IngestReport> IngestAsync(
        IReadOnlyList<CorpusDocument> corpus, string collection, int concurrency, CancellationToken cancellationToken)
    {
        var expected = corpus.Select(document => DocumentIds.For(collection, document.Id)).ToHashSet();
        var accepted = new ConcurrentDictionary<string, bool>();
        var rejected = new ConcurrentQueue<string>();
        var skipped = 0;
        var clock = Stopwatch.StartNew();

        var uploads = Parallel.ForEachAsync(
            corpus,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (document, token) =>
            {
                var id = DocumentIds.For(collection, document.Id);
                var (outcome, error) = await _uploader.UploadAsync(ToUpload(id, collection, document), token);
                switch (outcome)
                {
                    case UploadOutcome.Accepted: accepted[id] = true; break;
                    case UploadOutcome.AlreadyExists: Interlocked.Increment(ref skipped); break;
                    default: rejected.Enqueue($"{id}: upload rejected: {error}"); break;
                }
            });

        var progress = new ProgressLine(log, interactive);
        Dictionary<string, Document> statuses = [];
        var lastFinal = -1;
        var lastChange = clock.Elapsed;
        while (true)
        {
            var uploadsFinished = uploads.IsCompleted;
            if (uploads.IsFaulted || uploads.IsCanceled)
            {
                await uploads;
            }
            statuses = [];
            foreach (var document in await client.ListCollectionAsync(collection, cancellationToken))
            {
                // While uploads run, new rows shift the newest-first pages: a document can show up
                // twice (keep one) or not yet (the next poll sees it; once uploads end the list is stable).
                if (expected.Contains(document.Id))
                {
                    statuses[document.Id] = document;
                }
            }
            var final = statuses.Values.Count(document => document.IsFinal());
            var wanted = expected.Count - rejected.Count;
            if (uploadsFinished && final >= wanted)
            {
                progress.Complete(final + rejected.Count, expected.Count, Counts(final), clock.Elapsed);
                break;
            }
            if (final != lastFinal)
            {
                (lastFinal, lastChange) = (final, clock.Elapsed);
            }
            else if (uploadsFinished && clock.Elapsed - lastChange > StallTimeout)
            {
                progress.Complete(final + rejected.Count, expected.Count, Counts(final), clock.Elapsed);
                throw new TimeoutException(
                    $"No document of '{collection}' finished for {StallTimeout.TotalMinutes} minutes ({final} of {wanted} done): is the worker running?");
            }

            // Redraw between polls so the upload count moves even while the list is fetched rarely,
            // and poll again at once when the last upload returns.
            var nextPoll = clock.Elapsed + PollInterval;
            do
            {
                progress.Update(final + rejected.Count, expected.Count, Counts(final), clock.Elapsed);
                var redraw = Task.Delay(RedrawInterval, cancellationToken);
                await (uploadsFinished ? redraw : Task.WhenAny(uploads, redraw));
            }
            while (clock.Elapsed < nextPoll && (uploadsFinished || !uploads.IsCompleted));
        }
        await uploads; // surfaces an exception a worker task threw

        var failed = statuses.Values.Where(document => document.Status == DocumentStatuses.Failed).ToList();
        return new IngestReport(
            Documents: expected.Count,
            Uploaded: accepted.Count,
            Skipped: skipped,
            Indexed: statuses.Values.Count(document => document.Status == DocumentStatuses.Indexed),
            Failed: failed.Count + rejected.Count,
            Chunks: statuses.Values.Sum(document => (long)document.ChunkCount),
            ChunksUploadedThisRun: statuses.Values.Where(document => accepted.ContainsKey(document.Id)).Sum(document => (long)document.ChunkCount),
            FirstErrors: rejected.Concat(failed.Select(document => $"{document.Id}: {document.Error}")).Take(ErrorsShown).ToList(),
            WallTime: clock.Elapsed,
            PollInterval: PollInterval);

        string Counts(int final)
        {
            var elapsed = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            return string.Create(CultureInfo.InvariantCulture,
                $"uploaded {accepted.Count + skipped}/{expected.Count} (409 skipped {skipped}, rejected {rejected.Count}) | indexed or failed {final} | {final / elapsed:0.0} docs/s");
        }
    }

    internal static TextDocument ToUpload(string id, string collection, CorpusDocument document) => new(
        Id: id,
        Title: (document.Title ?? "") is { Length: > MaxTitleLength } title ? title[..MaxTitleLength] : document.Title ?? "",
        // A BEIR record may have a title and no text; the API refuses empty content.
        Content: string.IsNullOrWhiteSpace(document.Text) ? document.Title ?? "" : document.Text,
        ContentType: "text/plain",
        Collection: collection,
        Metadata: new Dictionary<string, string> { ["beirId"] = document.Id });
}
