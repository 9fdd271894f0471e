using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RagPlatform.Api.Security;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>Who may call what: 401 for missing or bad credentials, 403 for the wrong role, both as ProblemDetails.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests(ApiFixture fixture)
{
    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "GET", "/api/v1/documents" },
        { "GET", "/api/v1/documents/any-id" },
        { "POST", "/api/v1/documents" },
        { "PUT", "/api/v1/documents/any-id" },
        { "POST", "/api/v1/documents/any-id/retry" },
        { "DELETE", "/api/v1/documents/any-id" },
        { "POST", "/api/v1/rag/search" },
        { "POST", "/api/v1/rag/query" },
        { "POST", "/api/v1/admin/reconcile" },
        { "GET", "/api/v1/admin/api-keys" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task EveryApiEndpointRefusesACallerWithoutCredentials(string method, string path)
    {
        using var anonymous = fixture.CreateClient(token: null);

        var response = await anonymous.SendAsync(Request(method, path));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "bearer token");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    public static TheoryData<string, string, string> BadTokens => new()
    {
        { "expired", TestCredentials.Token(expiredFor: TimeSpan.FromMinutes(5)), "expired" },
        { "signed with another key", TestCredentials.Token(signingKey: "another-signing-key-of-at-least-32-bytes-9876"), "signature" },
        { "for another audience", TestCredentials.Token(audience: "someone-else"), "audience" },
        { "unsigned (alg none)", UnsignedToken(), "not valid" },
        { "not a JWT", "not-a-token", "not valid" },
        { "tenant with a slash", TestCredentials.Token(tenant: "a/b"), "tenant" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ABadTokenIsRefusedWithTheReason(string kind, string token, string reason)
    {
        using var client = fixture.CreateClient(token);

        var response = await client.PostAsJsonAsync("/api/v1/rag/search", new { query = "anything" });

        Assert.False(string.IsNullOrEmpty(kind));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, reason);
    }

    [Fact]
    public async Task AReaderCanSearchAndReadButNotUpload()
    {
        using var reader = fixture.CreateClient(TestCredentials.Token(roles: [Roles.Reader]));

        Assert.Equal(HttpStatusCode.OK, (await reader.PostAsJsonAsync("/api/v1/rag/search", new { query = "anything" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/documents")).StatusCode);
        var upload = await reader.PostAsJsonAsync("/api/v1/documents", new { content = "A reader may not write this." });

        await AssertProblemAsync(upload, HttpStatusCode.Forbidden, "writer");
    }

    [Fact]
    public async Task AWriterCanUploadButNotDelete()
    {
        var id = $"writer-{Guid.NewGuid():N}";
        using var writer = fixture.CreateClient(TestCredentials.Token(roles: [Roles.Writer]));

        Assert.Equal(HttpStatusCode.Accepted, (await writer.PostAsJsonAsync("/api/v1/documents", new { id, content = "Written by a writer." })).StatusCode);
        var delete = await writer.DeleteAsync($"/api/v1/documents/{id}");

        await AssertProblemAsync(delete, HttpStatusCode.Forbidden, "admin");
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"/api/v1/documents/{id}")).StatusCode);
    }

    [Fact]
    public async Task AdminEndpointsNeedTheServiceTokenAsWellAsTheAdminRole()
    {
        using var withoutServiceToken = fixture.CreateClient(TestCredentials.Token());
        using var wrongServiceToken = fixture.CreateClient(TestCredentials.Token());
        wrongServiceToken.DefaultRequestHeaders.Add(ServiceTokenFilter.HeaderName, TestCredentials.ServiceToken + "x");
        using var writerWithServiceToken = fixture.CreateClient(TestCredentials.Token(roles: [Roles.Writer]), serviceToken: true);

        await AssertProblemAsync(await withoutServiceToken.PostAsync("/api/v1/admin/reconcile", null), HttpStatusCode.Forbidden, "X-Service-Token");
        await AssertProblemAsync(await wrongServiceToken.PostAsync("/api/v1/admin/reconcile", null), HttpStatusCode.Forbidden, "X-Service-Token");
        await AssertProblemAsync(await writerWithServiceToken.PostAsync("/api/v1/admin/reconcile", null), HttpStatusCode.Forbidden, "admin");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.PostAsync("/api/v1/admin/reconcile", null)).StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/metrics")]
    public async Task ProbesAndMetricsNeedNoCredentials(string path)
    {
        using var anonymous = fixture.CreateClient(token: null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "POST" or "PUT" ? JsonContent.Create(new { query = "q", question = "q", content = "c" }) : null,
    };

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailMentions)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailMentions, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    private static string UnsignedToken()
    {
        static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Part(new { alg = "none", typ = "JWT" })}.{Part(new { sub = "mallory", tenant = "test", role = "admin", iss = "ragplatform", aud = "ragplatform-api", exp = expires })}.";
    }
}
