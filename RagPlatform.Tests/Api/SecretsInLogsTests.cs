using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RagPlatform.Api.Security;
using RagPlatform.Client;
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
        await workerClient.WaitUntilHealthyAsync();

        var token = Token(signingKey);
        using var admin = api.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token);
        admin.DefaultRequestHeaders.Add(ServiceTokenFilter.HeaderName, serviceToken);
        var adminApi = new RagPlatformClient(admin);
        var created = await adminApi.CreateApiKeyAsync("logs", [Roles.Writer]);
        var apiKey = created.Secret;
        using var keyClient = api.CreateClient();
        keyClient.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        var id = $"logs-{Guid.NewGuid():N}";
        await new RagPlatformClient(keyClient).UploadAsync(new TextDocument("Nothing secret is written down here.", Id: id));
        await adminApi.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        await adminApi.SearchAsync(new SearchRequest("secret"));
        // Refusals log too: a token signed with another key, a wrong service token, a revoked key.
        using var forged = api.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", Token($"another-{signingKey}"));
        forged.DefaultRequestHeaders.Add(ServiceTokenFilter.HeaderName, serviceToken + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/documents")).StatusCode);
        await adminApi.RevokeApiKeyAsync(created.Id);
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
