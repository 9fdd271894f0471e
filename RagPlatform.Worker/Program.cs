using RagPlatform.Worker;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIngestionPipeline();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();

/// <summary>Marks the worker assembly for WebApplicationFactory in tests.</summary>
public sealed class WorkerMarker;
