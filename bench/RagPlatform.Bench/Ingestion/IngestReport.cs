using static System.FormattableString;

namespace RagPlatform.Bench.Ingestion;

/// <summary>The outcome of one ingest run. Rates cover only the documents this run uploaded:
/// documents an earlier run left behind (409) were not processed now and would inflate them.</summary>
public sealed record IngestReport(
    int Documents,
    int Uploaded,
    int Skipped,
    int Indexed,
    int Failed,
    long Chunks,
    long ChunksUploadedThisRun,
    IReadOnlyList<string> FirstErrors,
    TimeSpan WallTime,
    TimeSpan PollInterval)
{
    public double? DocumentsPerSecond => Uploaded > 0 ? Uploaded / WallTime.TotalSeconds : null;

    public double? ChunksPerSecond => Uploaded > 0 ? ChunksUploadedThisRun / WallTime.TotalSeconds : null;

    public void Print(TextWriter output)
    {
        output.WriteLine(Invariant($"documents   {Documents} (uploaded now {Uploaded}, already there {Skipped})"));
        output.WriteLine(Invariant($"indexed     {Indexed}"));
        output.WriteLine(Invariant($"chunks      {Chunks}"));
        output.WriteLine(Invariant($"failed      {Failed}"));
        foreach (var error in FirstErrors)
        {
            output.WriteLine(Invariant($"  {error}"));
        }
        output.WriteLine(Invariant($"wall time   {WallTime:hh\\:mm\\:ss\\.f} (first upload to last indexed, seen by polling every {PollInterval.TotalSeconds:0.#} s)"));
        output.WriteLine(DocumentsPerSecond is { } docs && ChunksPerSecond is { } chunks
            ? Invariant($"throughput  {docs:0.0} documents/s, {chunks:0.0} chunks/s end to end ({Uploaded} documents uploaded by this run)")
            : "throughput  n/a (every document was already there)");
    }
}
