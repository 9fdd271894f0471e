using System.Collections.Concurrent;
using System.Diagnostics;
using RagPlatform.Core.Backups;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Backups;

/// <summary>What an operator sees of backup runs: metrics of size and failures by reason, and each run as one trace.</summary>
[Collection(BackupDatabaseCollection.Name)]
public sealed class BackupTelemetryTests(BackupDatabaseFixture fixture)
{
    [Fact]
    public async Task AVerifiedBackupRecordsItsSizeAndShowsAsOneTraceOfDumpStoreAndVerify()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var kit = new BackupKit(database, BackupKit.TemporaryFolder());
        using var sizes = new CounterRecorder(BackupMetrics.Name, "rag.backup.size", "kind", kit.MeterFactory);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BackupMetrics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var manifest = await kit.Service.RunNowAsync(BackupManifest.Kinds.Manual, CancellationToken.None);

        Assert.Equal(manifest.SizeBytes, sizes.Of(BackupManifest.Kinds.Manual));
        var root = Assert.Single(spans, s => s.OperationName == "backup manual" && (string?)s.GetTagItem("backup.id") == manifest.Id);
        var children = spans.Where(s => s.ParentSpanId == root.SpanId).Select(s => s.OperationName).ToList();
        Assert.Equal(["backup dump", "backup store", "backup verify"], children);
    }

    [Fact]
    public async Task ARunWithoutPgDumpFailsCountedByReasonAndRecordedInItsManifest()
    {
        var database = await fixture.CreateDatabaseAsync();
        var target = BackupKit.TemporaryFolder();
        var nowhere = Directory.CreateTempSubdirectory("ragplatform-no-pg-").FullName;
        await using var kit = new BackupKit(database, target, tools: new PostgresClientTools(nowhere));
        using var failures = new CounterRecorder(BackupMetrics.Name, "rag.backup.failures", "reason", kit.MeterFactory);

        var run = await kit.Service.TryStartAsync(BackupManifest.Kinds.Manual, null, CancellationToken.None);
        var manifest = await run!.Completion;

        Assert.Equal(1, failures.Of("tool_missing"));
        Assert.Equal(BackupManifest.Statuses.Failed, manifest.Status);
        Assert.Contains("pg_dump not found", manifest.Error);
        Assert.Equal(BackupManifest.Statuses.Failed, (await target.GetAsync(manifest.Id, CancellationToken.None))!.Status);
        Assert.Null(kit.Metrics.LastGood);
    }
}
