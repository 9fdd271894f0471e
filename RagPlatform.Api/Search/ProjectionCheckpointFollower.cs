using Microsoft.Extensions.Options;
using Npgsql;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Search;

/// <summary>
/// The version of an index this instance does not write itself (Qdrant, projected by the worker): the projection's
/// durable checkpoint, learned from its NOTIFY and re-read every few seconds regardless (a notification is lost with
/// a dropped connection). Searches are cached under it, and a write waits for it to pass the write's change.
/// </summary>
public sealed class ProjectionCheckpointFollower(
    NpgsqlDataSource dataSource,
    IOptions<IndexOptions> options,
    TimeProvider time,
    ILogger<ProjectionCheckpointFollower> logger) : BackgroundService, IIndexVersion
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private readonly ChangeLogPosition _applied = new();

    /// <summary>Which projection's checkpoint this follows.</summary>
    public string Projection { get; init; } = ProjectionCheckpoints.Qdrant;

    public long? Current => _applied.Current;

    public Task<bool> WaitForAsync(long sequence, CancellationToken cancellationToken) =>
        _applied.WaitForAsync(sequence, options.Value.ReadYourWriteTimeout, time, cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        NotificationLoop.RunAsync(dataSource, NotificationChannels.IndexProjections, PollInterval, async token =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            _applied.Advance(await ProjectionCheckpoints.ReadAsync(connection, Projection, token));
        }, time, logger, stoppingToken);
}
