using Microsoft.Extensions.Configuration;
using RagPlatform.AppHost.Backups;
using RagPlatform.AppHost.Credentials;
using RagPlatform.AppHost.Infrastructure;
using RagPlatform.AppHost.Models;
using RagPlatform.AppHost.Monitoring;
using RagPlatform.AppHost.Native;
using RagPlatform.AppHost.Qdrant;
using RagPlatform.AppHost.Restarts;

InfrastructureConfigurationException.ExitWithMessageWhenUnhandled();
DevelopmentTokenCommand.RunAndExitWhenRequested(args); // `-- token`: prints a development token, starts nothing
var builder = DistributedApplication.CreateBuilder(args);
builder.AddSignInHint();

// Secrets, generated once per machine and kept in the AppHost's user secrets unless given
// (Parameters:jwt-signing-key, Parameters:service-token). `dotnet run --project RagPlatform.AppHost -- token` prints a token signed with the key.
var jwtSigningKey = builder.AddParameter("jwt-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);
var serviceToken = builder.AddParameter("service-token", new GenerateParameterDefault { MinLength = 40, Special = false }, secret: true, persist: true);

// Infrastructure: containers when a container runtime answers, else the machine's own servers.
var mode = builder.GetInfrastructureMode();
IResourceBuilder<IResourceWithConnectionString> ragdb, cache;
QdrantCluster? qdrant = null;
NativeInfrastructureSettings? native = null;

if (mode == InfrastructureMode.Containers)
{
    var postgresPassword = builder.AddParameter("postgres-password", new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);
    var qdrantApiKey = builder.AddParameter("qdrant-apikey", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
    var redisPassword = builder.AddParameter("redis-password", new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);

    ragdb = builder.AddPostgres("postgres", password: postgresPassword).WithImageTag(PinnedImages.PostgresTag).WithDataVolume("ragplatform-postgres-data").AddDatabase("ragdb");
    cache = builder.AddRedis("cache", password: redisPassword).WithImageTag(PinnedImages.RedisTag).WithDataVolume("ragplatform-redis-data");
    qdrant = builder.AddQdrantCluster("qdrant", replicas: 3, qdrantApiKey);
}
else
{
    // Bound to 127.0.0.1 with trust authentication: no secrets to keep in step with the data folder.
    native = NativeInfrastructureSettings.Read(builder.Configuration);
    ragdb = builder.AddNativePostgres("postgres", native).AddDatabase("ragdb");
    cache = builder.AddNativeRedis("cache", native);
}

// A restore (--Backup:RestoreFrom=latest|ID) runs to completion before any service starts.
var restore = builder.AddRestore(ragdb, native);

// Services
var api = builder.AddProject<Projects.RagPlatform_Api>("api")
    .WithReference(ragdb).WaitFor(ragdb)
    .WithReference(cache).WaitFor(cache)
    .WithIndexBackend(qdrant)
    .WithChatModel()
    .WithEnvironment("Auth__Jwt__SigningKey", jwtSigningKey)
    .WithEnvironment("Auth__ServiceToken", serviceToken)
    .WithBackups(builder.Configuration, native).WaitForRestore(restore)
    .WithRestartPolicy()
    .WithHttpHealthCheck("/health");

var worker = builder.AddProject<Projects.RagPlatform_Worker>("worker")
    .WithReference(ragdb).WaitFor(ragdb)
    .WithReference(cache).WaitFor(cache)
    .WithIndexBackend(qdrant)
    .WaitFor(api) // the API migrates the database when it starts
    // Two by default, so losing one never stops ingestion; each is restarted if it crashes.
    .WithReplicas(builder.Configuration.GetValue("Worker:Replicas", 2))
    .WithBackups(builder.Configuration, native).WaitForRestore(restore)
    .WithRestartPolicy()
    .WithOcrToolCheck() // scanned PDFs and images need tesseract and pdftoppm on this machine
    .WithHttpHealthCheck("/health");

// The web app for people (http://localhost:5090): sign-in, documents, ask, search, through the API.
var web = builder.AddProject<Projects.RagPlatform_Web>("web")
    .WithReference(api).WaitFor(api)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");
if (builder.ExecutionContext.IsRunMode)
{
    // One-click development sign-in: tokens made with the API's own key. Never deployed: a key that mints any token.
    web.WithEnvironment("Web__Development__SigningKey", jwtSigningKey);
}

// Monitoring: Prometheus scraping the services (and Qdrant) with the repository's alert rules; Grafana with containers.
if (qdrant is not null)
{
    var grafanaPassword = builder.AddParameter("grafana-admin-password", new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);
    builder.AddGrafana(builder.AddPrometheusContainer(api, worker, qdrant), grafanaPassword);
}
else if (native is not null)
{
    builder.AddNativePrometheus(native.DataDirectory, api, worker);
}

builder.Build().Run();
