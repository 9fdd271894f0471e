using System.Diagnostics.Metrics;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// The pipeline's instruments on the "RagPlatform.Ingestion" meter, from the host's <see cref="IMeterFactory"/>:
/// two workers in one process (the tests host several) never add to each other's series.
/// </summary>
public sealed class IngestionMetrics
{
    public const string MeterName = "RagPlatform.Ingestion";

    public IngestionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        Documents = meter.CreateCounter<long>("rag.ingestion.documents", description: "Documents processed, by outcome");
        Chunks = meter.CreateCounter<long>("rag.ingestion.chunks", description: "Chunks indexed");
        Failures = meter.CreateCounter<long>("rag.ingestion.failures", description: "Failed steps, by step, kind (transient, permanent) and reason");
        StepDuration = meter.CreateHistogram<double>("rag.ingestion.step.duration", "s", "Duration of one pipeline step");
    }

    public Counter<long> Documents { get; }

    public Counter<long> Chunks { get; }

    public Counter<long> Failures { get; }

    public Histogram<double> StepDuration { get; }
}
