using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RagPlatform.Core.Backups;

/// <summary>
/// Backup runs as metrics (meter <c>RagPlatform.Backups</c>) and traces (activity source of the same name), and the
/// newest good backup's time, which the health check and the last-success gauge read.
/// </summary>
public sealed class BackupMetrics
{
    public const string Name = "RagPlatform.Backups";

    /// <summary>Every run is one trace: the dashboard shows its dump, upload and verification as child spans.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Histogram<double> _duration;
    private readonly Histogram<long> _size;
    private readonly Counter<long> _failures;
    private DateTimeOffset? _lastGood;

    public BackupMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _duration = meter.CreateHistogram<double>("rag.backup.duration", "s", "How long a backup took, dump to verification.");
        _size = meter.CreateHistogram<long>("rag.backup.size", "By", "Bytes stored by a completed backup.");
        _failures = meter.CreateCounter<long>("rag.backup.failures", description: "Backups that failed or were refused, by reason.");
        meter.CreateObservableGauge("rag.backup.last_success", () => _lastGood is { } at ? at.ToUnixTimeSeconds() : 0L, "s",
            "Unix time of the newest verified backup (0: none yet).");
    }

    /// <summary>When the newest verified backup was taken, as far as this process knows.</summary>
    public DateTimeOffset? LastGood => _lastGood;

    /// <summary>Why backups cannot run here at all (a pg_dump too old for the server), until one succeeds.</summary>
    public string? Refusal { get; private set; }

    public void Succeeded(BackupManifest manifest, TimeSpan duration)
    {
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", manifest.Kind));
        _size.Record(manifest.SizeBytes, new KeyValuePair<string, object?>("kind", manifest.Kind));
        NewestGood(manifest.CreatedAt);
        Refusal = null;
    }

    public void Failed(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Refused(BackupRefusedException refusal)
    {
        Failed(refusal.Reason);
        Refusal = refusal.Message;
    }

    /// <summary>Records a verified backup found in the target (at start), or made here.</summary>
    public void NewestGood(DateTimeOffset createdAt)
    {
        if (_lastGood is null || createdAt > _lastGood)
        {
            _lastGood = createdAt;
        }
    }
}
