using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>Cross-origin access only for configured origins, and the headers every response carries.</summary>
[Collection(ProtectionCollection.Name)]
public sealed class CorsAndSecurityHeaderTests(ProtectionFixture fixture)
{
    [Fact]
    public async Task PreflightFromAnAllowedOriginIsGrantedWithTheApiHeaders()
    {
        using var client = ProtectionFixture.ClientOf(fixture.First, "cors-user");

        var response = await client.SendAsync(Preflight(ProtectionFixture.AllowedOrigin, "authorization, content-type, idempotency-key, x-api-key"));

        Assert.True(response.IsSuccessStatusCode, $"preflight got {(int)response.StatusCode}");
        Assert.Equal(ProtectionFixture.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowedHeaders = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        foreach (var header in new[] { "authorization", "content-type", "idempotency-key", "x-api-key" })
        {
            Assert.Contains(header, allowedHeaders);
        }
        Assert.Contains("POST", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")));
    }

    [Theory]
    [InlineData("https://evil.example.test")]
    [InlineData("https://app.example.test.evil.example")]
    [InlineData("null")]
    public async Task PreflightFromAnyOtherOriginIsNotGranted(string origin)
    {
        using var client = ProtectionFixture.ClientOf(fixture.First, "cors-user");

        var response = await client.SendAsync(Preflight(origin, "content-type"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ApiResponsesCarrySecurityHeadersAndAreNotStored()
    {
        using var client = ProtectionFixture.ClientOf(fixture.First, "headers-user");

        var response = await client.GetAsync("/api/v1/documents?pageSize=1");
        var notFound = await client.GetAsync("/api/v1/documents/no-such-document");

        foreach (var answer in new[] { response, notFound })
        {
            Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", answer.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", answer.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("no-referrer", answer.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(answer.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
            Assert.Contains("max-age=", answer.Headers.GetValues("Strict-Transport-Security").Single());
        }
    }

    [Fact]
    public async Task EventStreamAndMetricsStillWorkBehindTheHeaders()
    {
        using var client = ProtectionFixture.ClientOf(fixture.First, "stream-user");
        using var ask = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rag/query") { Content = JsonContent.Create(new { question = "anything?" }) };
        ask.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        var stream = await client.SendAsync(ask);
        var events = ServerSentEvents.Parse(await stream.Content.ReadAsStringAsync());
        // A request's duration is recorded as it ends on the server, which can be just after the client has read the
        // body, and the exporter may answer from its scrape cache for a moment: look again for a few seconds.
        var (metrics, exposition) = await MetricsWithAsync(client, "http_server_request_duration_seconds", TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.Equal("done", events[^1].Name);
        Assert.True(stream.Headers.CacheControl?.NoCache, "the stream keeps its own Cache-Control");
        Assert.Equal("nosniff", stream.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.OK, metrics);
        Assert.Contains("http_server_request_duration_seconds", exposition);
    }

    private static async Task<(HttpStatusCode Status, string Body)> MetricsWithAsync(HttpClient client, string metric, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var response = await client.GetAsync("/metrics");
            var body = await response.Content.ReadAsStringAsync();
            if (body.Contains(metric, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return (response.StatusCode, body);
            }
            await Task.Delay(200);
        }
    }

    private static HttpRequestMessage Preflight(string origin, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/rag/search");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }
}
