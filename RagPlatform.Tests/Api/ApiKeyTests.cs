using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RagPlatform.Api.Security;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>API keys for machine clients: created by an admin, scoped to its tenant and roles, stored hashed, revocable.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiKeyTests(ApiFixture fixture)
{
    [Fact]
    public async Task AnApiKeyActsWithItsRolesInItsTenantUntilRevoked()
    {
        var key = await fixture.Api.CreateApiKeyAsync("indexer", [Roles.Reader]);
        var secret = key.Secret;
        var keyId = key.Id;
        using var machineHttp = fixture.CreateClient(token: null);
        machineHttp.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, secret);
        var machine = new RagPlatformClient(machineHttp);
        var id = $"keyed-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument("The gazetteer lists every harbour.", Id: id));

        // Same tenant as the admin that made it; its role allows reading, not writing.
        Assert.Equal(id, (await machine.GetDocumentAsync(id)).Id);
        var write = await Assert.ThrowsAsync<RagPlatformApiException>(() => machine.UploadAsync(new TextDocument("no")));
        Assert.Equal(HttpStatusCode.Forbidden, write.Status);

        // Listed without its secret (raw: nowhere in the answer); stored only as a hash.
        var listed = await fixture.Client.GetStringAsync("/api/v1/admin/api-keys");
        Assert.Contains(keyId.ToString(), listed);
        Assert.DoesNotContain(secret, listed);
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT secret_hash FROM api_keys WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", keyId);
            var stored = (byte[])(await command.ExecuteScalarAsync())!;
            Assert.Equal(32, stored.Length);
            Assert.NotEqual(System.Text.Encoding.UTF8.GetBytes(secret), stored);
        }

        await fixture.Api.RevokeApiKeyAsync(keyId);
        var afterRevoke = await Assert.ThrowsAsync<RagPlatformApiException>(() => machine.GetDocumentAsync(id));
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.Status);
        Assert.Contains("revoked", afterRevoke.Message);
    }

    [Fact]
    public async Task AnotherTenantsAdminCannotRevokeOrSeeAKey()
    {
        var key = await fixture.Api.CreateApiKeyAsync("ours", [Roles.Writer]);
        using var otherAdminHttp = fixture.CreateClient(TestCredentials.Token(tenant: $"other-{Guid.NewGuid():N}"[..20]), serviceToken: true);
        var otherAdmin = new RagPlatformClient(otherAdminHttp);

        var revoke = await Assert.ThrowsAsync<RagPlatformApiException>(() => otherAdmin.RevokeApiKeyAsync(key.Id));
        Assert.Equal(HttpStatusCode.NotFound, revoke.Status);
        Assert.DoesNotContain(await otherAdmin.ListApiKeysAsync(), listed => listed.Id == key.Id);
    }

    [Theory]
    [InlineData("{\"name\":\"\",\"roles\":[\"reader\"]}", "name")]
    [InlineData("{\"name\":\"x\",\"roles\":[]}", "roles")]
    [InlineData("{\"name\":\"x\",\"roles\":[\"superuser\"]}", "roles")]
    public async Task AKeyWithoutANameOrWithUnknownRolesIsRefused(string body, string field)
    {
        var response = await fixture.Client.PostAsync("/api/v1/admin/api-keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
