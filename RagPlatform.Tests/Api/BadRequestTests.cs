using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class BadRequestTests(ApiFixture fixture)
{
    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "/api/v1/documents", """{"title":"no content"}""", "content" },
        { "/api/v1/documents", """{"content":"   "}""", "content" },
        { "/api/v1/documents", """{"content":"x","contentType":"application/x-msdownload"}""", "contentType" },
        { "/api/v1/documents", """{"content":"x","id":"../../etc/passwd"}""", "id" },
        { "/api/v1/documents", """{"content":"x","collection":"a b"}""", "collection" },
        { "/api/v1/rag/search", """{"query":"x","topK":0}""", "topK" },
        { "/api/v1/rag/search", """{"query":"x","topK":101}""", "topK" },
        { "/api/v1/rag/search", """{"topK":5}""", "query" },
        { "/api/v1/rag/query", """{"question":""}""", "question" },
        { "/api/v1/rag/query", """{"question":"why?","topK":-3}""", "topK" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task InvalidFieldGets400ProblemNamingTheField(string path, string body, string field)
    {
        var response = await fixture.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
    }

    [Theory]
    [InlineData("/api/v1/documents", """{"content": "unterminated""")]
    [InlineData("/api/v1/rag/search", "not json at all")]
    [InlineData("/api/v1/rag/query", """{"question": 42}""")]
    [InlineData("/api/v1/rag/search", """{"query":"x","topK":"ten"}""")]
    public async Task MalformedJsonGets400Problem(string path, string body)
    {
        var response = await fixture.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RejectedUploadStoresNothing()
    {
        var before = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/v1/documents?pageSize=1");

        await fixture.Client.PostAsJsonAsync("/api/v1/documents", new { id = "never-stored", content = "", contentType = "text/plain" });

        var after = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/v1/documents?pageSize=1");
        Assert.Equal(before.GetProperty("total").GetInt64(), after.GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/api/v1/documents/never-stored")).StatusCode);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=1000")]
    public async Task OutOfRangePagingGets400(string query)
    {
        var response = await fixture.Client.GetAsync($"/api/v1/documents?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownDocumentIs404()
    {
        var response = await fixture.Client.GetAsync("/api/v1/documents/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
