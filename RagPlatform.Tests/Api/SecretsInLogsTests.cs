using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RagPlatform.Api.Security;
using RagPlatform.Bench.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>
/// No credential reaches a log or a span: an API and a worker started in Development (where a token used to be logged)
/// with secrets of their own, then used with every kind of credential, good and bad.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SecretsInLogsTests(ApiFixture fixture)
{
    [Fact]
    public async Task NoSecretAppearsInTheLogsOrSpansOfAStartedApiAndWorker()
    {
        var signingKey = $"signing-key-{Guid.NewGuid():N}";
        var serviceToken = $"service-token-{Guid.NewGuid():N}";
        // Trust authentication ignores the password, so it travels in every connection string without failing a login.
        var databasePassword = $"pg-password-{Guid.NewGuid():N}";
        using var capture = new TelemetryCapture();
        await using var api = await WithSecrets(TestHost.Api(), capture, signingKey, serviceToken, databasePassword).StartAsync();
        await using var worker = WithSecrets(TestHost.Worker(), capture, signingKey, serviceToken, databasePassword).Build();
        using var workerClient = worker.CreateClient();
        await new RagApiClient(workerClient).WaitUntilHealthyAsync();

        var token = Token(signingKey);
        using var admin = api.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token);
        admin.DefaultRequestHeaders.Add(ServiceTokenFilter.HeaderName, serviceToken);
        var created = await (await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "logs", roles = new[] { Roles.Writer } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var apiKey = created.GetProperty("secret").GetString()!;
        using var keyClient = api.CreateClient();
        keyClient.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        var id = $"logs-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Accepted, (await keyClient.PostAsJsonAsync("/api/v1/documents", new { id, content = "Nothing secret is written down here." })).StatusCode);
        await new RagApiClient(admin).WaitForStatusAsync(id, "indexed");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/rag/search", new { query = "secret" })).StatusCode);
        // Refusals log too: a token signed with another key, a wrong service token, a revoked key.
        using var forged = api.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", Token($"another-{signingKey}"));
        forged.DefaultRequestHeaders.Add(ServiceTokenFilter.HeaderName, serviceToken + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/api-keys/{created.GetProperty("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await keyClient.GetAsync("/api/v1/documents")).StatusCode);

        Assert.NotEmpty(capture.Entries);
        var secrets = new Dictionary<string, string>
        {
            ["signing key"] = signingKey,
            ["service token"] = serviceToken,
            ["database password"] = databasePassword,
            ["API key"] = apiKey,
            ["bearer token's signature"] = token[(token.LastIndexOf('.') + 1)..],
        };
        foreach (var (name, secret) in secrets)
        {
            var leaks = capture.Containing(secret);
            Assert.True(leaks.Count == 0, $"The {name} appears in {leaks.Count} log entries or spans, first: {leaks.FirstOrDefault()}");
        }
    }

    private TestHost<TMarker> WithSecrets<TMarker>(TestHost<TMarker> host, TelemetryCapture capture, string signingKey, string serviceToken,
        string databasePassword) where TMarker : class => fixture.Configure(host)
        .WithDatabase($"{fixture.ConnectionString};Password={databasePassword}")
        .WithSetting("Auth:Jwt:SigningKey", signingKey)
        .WithSetting("Auth:ServiceToken", serviceToken)
        // Everything, Debug and Trace included: a secret a library logs only when asked for detail still counts.
        .WithSetting("Logging:LogLevel:Default", "Trace")
        .WithServices(services => services.AddSingleton<ILoggerProvider>(capture));

    private static string Token(string signingKey) => TestCredentials.Token(tenant: "logs", signingKey: signingKey);
}
