using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Api.Security;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>A terminal user gets working credentials from the AppHost's <c>token</c> command, not from a log.</summary>
[Collection(ApiCollection.Name)]
public sealed class DevelopmentTokenCommandTests(ApiFixture fixture)
{
    [Fact]
    public async Task TheTokenCommandGivesCredentialsTheApiAccepts()
    {
        var result = await TokenCommand.RunAsync(TestCredentials.SigningKey, TestCredentials.ServiceToken, "--tenant token-command");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(TestCredentials.ServiceToken, result.ServiceToken);
        using var client = fixture.CreateClient(token: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", result.Token);
        client.DefaultRequestHeaders.Add(ServiceTokenFilter.HeaderName, result.ServiceToken);
        // Every role: admin endpoints included.
        var created = await client.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "from-token-command", roles = new[] { Roles.Reader } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var keys = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/api-keys");
        Assert.Contains(keys.EnumerateArray(), key => key.GetProperty("name").GetString() == "from-token-command");
    }

    [Fact]
    public async Task WithoutTheParametersTheTokenCommandSaysToStartTheStackFirst()
    {
        var result = await TokenCommand.RunAsync(signingKey: null, serviceToken: null);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("start the stack once", result.Error);
        Assert.Equal("", result.Token);
    }
}
