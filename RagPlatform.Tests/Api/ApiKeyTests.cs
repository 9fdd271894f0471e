using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RagPlatform.Api.Security;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>API keys for machine clients: created by an admin, scoped to its tenant and roles, stored hashed, revocable.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiKeyTests(ApiFixture fixture)
{
    [Fact]
    public async Task AnApiKeyActsWithItsRolesInItsTenantUntilRevoked()
    {
        var created = await fixture.Client.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "indexer", roles = new[] { Roles.Reader } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = key.GetProperty("secret").GetString()!;
        var keyId = key.GetProperty("id").GetGuid();
        using var machine = fixture.CreateClient(token: null);
        machine.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, secret);
        var id = $"keyed-{Guid.NewGuid():N}";
        await fixture.BenchApi.UploadAsync(new { id, content = "The gazetteer lists every harbour." });

        // Same tenant as the admin that made it; its role allows reading, not writing.
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync($"/api/v1/documents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.PostAsJsonAsync("/api/v1/documents", new { content = "no" })).StatusCode);

        // Listed without its secret; stored only as a hash.
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

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Client.DeleteAsync($"/api/v1/admin/api-keys/{keyId}")).StatusCode);
        var afterRevoke = await machine.GetAsync($"/api/v1/documents/{id}");
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Contains("revoked", await afterRevoke.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnotherTenantsAdminCannotRevokeOrSeeAKey()
    {
        var key = await (await fixture.Client.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "ours", roles = new[] { Roles.Writer } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var otherAdmin = fixture.CreateClient(TestCredentials.Token(tenant: $"other-{Guid.NewGuid():N}"[..20]), serviceToken: true);

        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.DeleteAsync($"/api/v1/admin/api-keys/{key.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.DoesNotContain(key.GetProperty("id").GetGuid().ToString(), await otherAdmin.GetStringAsync("/api/v1/admin/api-keys"));
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
