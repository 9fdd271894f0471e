using Microsoft.Extensions.Configuration;
using RagPlatform.AppHost.Infrastructure;
using RagPlatform.AppHost.Models;
using RagPlatform.AppHost.Native;
using RagPlatform.AppHost.Qdrant;

InfrastructureConfigurationException.ExitWithMessageWhenUnhandled();
var builder = DistributedApplication.CreateBuilder(args);

// Secrets, generated once per machine and kept in the AppHost's user secrets unless given
// (Parameters:jwt-signing-key, Parameters:service-token). In Development the API logs a token signed with the key.
var jwtSigningKey = builder.AddParameter("jwt-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);
var serviceToken = builder.AddParameter("service-token", new GenerateParameterDefault { MinLength = 40, Special = false }, secret: true, persist: true);

// Infrastructure: containers when a container runtime answers, else the machine's own servers.
var mode = builder.GetInfrastructureMode();
IResourceBuilder<IResourceWithConnectionString> ragdb, cache;
QdrantCluster? qdrant = null;

if (mode == InfrastructureMode.Containers)
{
    var postgresPassword = builder.AddParameter("postgres-password", new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);
    var qdrantApiKey = builder.AddParameter("qdrant-apikey", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
    var redisPassword = builder.AddParameter("redis-password", new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);

    ragdb = builder.AddPostgres("postgres", password: postgresPassword).WithDataVolume().AddDatabase("ragdb");
    cache = builder.AddRedis("cache", password: redisPassword).WithDataVolume();
    qdrant = builder.AddQdrantCluster("qdrant", replicas: 3, qdrantApiKey);
}
else
{
    // Bound to 127.0.0.1 with trust authentication: no secrets to keep in step with the data folder.
    var native = NativeInfrastructureSettings.Read(builder.Configuration);
    ragdb = builder.AddNativePostgres("postgres", native).AddDatabase("ragdb");
    cache = builder.AddNativeRedis("cache", native);
}

// Services
var api = builder.AddProject<Projects.RagPlatform_Api>("api")
    .WithReference(ragdb).WaitFor(ragdb)
    .WithReference(cache).WaitFor(cache)
    .WithIndexBackend(qdrant)
    .WithChatModel()
    .WithEnvironment("Auth__Jwt__SigningKey", jwtSigningKey)
    .WithEnvironment("Auth__ServiceToken", serviceToken)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.RagPlatform_Worker>("worker")
    .WithReference(ragdb).WaitFor(ragdb)
    .WithReference(cache).WaitFor(cache)
    .WithIndexBackend(qdrant)
    .WaitFor(api) // the API migrates the database when it starts
    .WithReplicas(builder.Configuration.GetValue("Worker:Replicas", 1))
    .WithOcrToolCheck() // scanned PDFs and images need tesseract and pdftoppm on this machine
    .WithHttpHealthCheck("/health");

builder.Build().Run();
