using RagPlatform.Worker;
using RagPlatform.Worker.Backups;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
if (RestoreCommand.IsRequested(builder.Configuration))
{
    builder.AddRestore();
    return await RestoreCommand.RunAsync(builder.Build());
}
builder.AddIngestionPipeline();
builder.AddBackupSchedule();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
return 0;

/// <summary>Marks the worker assembly for WebApplicationFactory in tests.</summary>
public sealed class WorkerMarker;
