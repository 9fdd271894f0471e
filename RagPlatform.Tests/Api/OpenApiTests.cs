using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>The OpenAPI document says how to authenticate and what each route answers, errors included.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task TheDocumentDeclaresTheBearerApiKeyAndServiceTokenSchemes()
    {
        var schemes = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes");

        Assert.Equal("http", schemes.GetProperty("Bearer").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("apiKey", schemes.GetProperty("ApiKey").GetProperty("type").GetString());
        Assert.Equal("header", schemes.GetProperty("ApiKey").GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("X-Service-Token", schemes.GetProperty("ServiceToken").GetProperty("name").GetString());
    }

    public static TheoryData<string, string, int[]> Routes => new()
    {
        { "/api/v1/documents", "post", [202, 400, 401, 403, 409, 413, 415, 422, 429, 503] },
        { "/api/v1/documents/{id}", "put", [202, 400, 401, 403, 404, 413, 415, 422, 429, 503] },
        { "/api/v1/documents/{id}", "get", [200, 401, 403, 404, 429, 503] },
        { "/api/v1/documents/{id}", "delete", [202, 204, 401, 403, 404, 429, 503] },
        { "/api/v1/rag/search", "post", [200, 400, 401, 403, 429, 503] },
        { "/api/v1/rag/query", "post", [200, 400, 401, 403, 429, 503] },
        { "/api/v1/admin/api-keys", "post", [201, 400, 401, 403, 429, 503] },
        { "/api/v1/me", "get", [200, 401, 403, 429] },
    };

    [Fact]
    public async Task TheTagsComeInTheOrderAReaderNeedsThemDocumentsFirst()
    {
        var tags = (await DocumentAsync()).GetProperty("tags").EnumerateArray().Select(tag => tag.GetProperty("name").GetString()).ToList();

        Assert.Equal(["Documents", "Search", "Account", "Admin"], tags);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EachRouteDeclaresItsResponsesWithProblemDetailsForErrorsAndItsCredentials(string path, string method, int[] statuses)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);
        var responses = operation.GetProperty("responses");

        foreach (var status in statuses)
        {
            Assert.True(responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response),
                $"{method} {path} declares no {status}: {responses}");
            if (status >= 400)
            {
                Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {status} is no ProblemDetails: {response}");
            }
        }
        var ways = operation.GetProperty("security").EnumerateArray().Select(way => string.Join("+", way.EnumerateObject().Select(p => p.Name).Order())).ToList();
        Assert.Equal(path.StartsWith("/api/v1/admin", StringComparison.Ordinal) ? ["Bearer+ServiceToken", "ApiKey+ServiceToken"] : ["Bearer", "ApiKey"], ways);
    }

    [Fact]
    public async Task EveryErrorResponseInTheDocumentIsAProblemDetails()
    {
        var document = await DocumentAsync();

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('4') || r.Name.StartsWith('5')))
                {
                    Assert.True(response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _),
                        $"{operation.Name} {path.Name} {response.Name} is no ProblemDetails: {response.Value}");
                }
            }
        }
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var anonymous = fixture.CreateClient(token: null);
        var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
