using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Core.Backups;

namespace RagPlatform.Api.Admin;

/// <summary>
/// Backups on demand and the list of sets, under the admin group (admin role and service token). A backup started here
/// runs in this API process, under the same advisory lock as the worker's schedule, so the two never overlap.
/// </summary>
public static class BackupsApi
{
    public static RouteGroupBuilder MapBackups(this RouteGroupBuilder admin)
    {
        admin.MapPost("/backups", StartAsync).WithName("StartBackup")
            .WithSummary("Start a backup now; 202 with the set's status URL, 409 while another backup runs.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/backups", ListAsync).WithName("ListBackups")
            .WithSummary("Every backup set, newest first: id, time, size, status, location, watermark.");
        admin.MapGet("/backups/{id}", GetAsync).WithName("GetBackup")
            .WithSummary("One backup set's status and manifest.");
        return admin;
    }

    public static async Task<Results<Accepted<BackupSummary>, ProblemHttpResult>> StartAsync(BackupService backups, CancellationToken cancellationToken)
    {
        var run = await backups.TryStartAsync(BackupManifest.Kinds.Manual, null, cancellationToken);
        return run is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A backup is already running.",
                detail: "Only one backup runs at a time across the deployment; see GET /api/v1/admin/backups.")
            : TypedResults.Accepted($"/api/v1/admin/backups/{run.Started.Id}", BackupSummary.Of(run.Started, backups.Target));
    }

    public static async Task<Ok<IReadOnlyList<BackupSummary>>> ListAsync(BackupService backups, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<BackupSummary>>([.. (await backups.Target.ListAsync(cancellationToken)).Select(m => BackupSummary.Of(m, backups.Target))]);

    public static async Task<Results<Ok<BackupSummary>, NotFound>> GetAsync(string id, BackupService backups, CancellationToken cancellationToken) =>
        await backups.Target.GetAsync(id, cancellationToken) is { } manifest
            ? TypedResults.Ok(BackupSummary.Of(manifest, backups.Target))
            : TypedResults.NotFound();
}

/// <summary>A backup set as operators see it.</summary>
public sealed record BackupSummary(
    string Id, DateTimeOffset CreatedAt, string Kind, string Status, long SizeBytes, string Location, long Watermark,
    int SchemaVersion, DateTimeOffset? CompletedAt, string? Error, IReadOnlyList<BackupFile> Files)
{
    public static BackupSummary Of(BackupManifest m, IBackupTarget target) => new(
        m.Id, m.CreatedAt, m.Kind, m.Status, m.SizeBytes, target.Describe(m.Id), m.Watermark, m.SchemaVersion, m.CompletedAt, m.Error, m.Files);
}
