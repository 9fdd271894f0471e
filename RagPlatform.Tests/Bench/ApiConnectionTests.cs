using Microsoft.Extensions.Time.Testing;
using RagPlatform.Bench.Client;
using RagPlatform.Client;

namespace RagPlatform.Tests.Bench;

/// <summary>The bench signs its requests through the typed client's credentials handler, the typed ones and the load's raw ones alike.</summary>
public sealed class ApiConnectionTests
{
    private static readonly Uri Api = new("http://api.test/");

    [Fact]
    public async Task MintedTokensAreRenewedAMinuteBeforeTheyExpireOnTypedAndRawRequests()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var api = new ScriptedApi(time);
        using var connection = ApiConnection.Create(Api,
            Credentials.Minted(new JwtMinter(new string('k', 32), "i", "a", "t", "s", time), time), ConnectionLimits.For(1), () => api);
        using var raw = connection.CreateHttpClient();

        await connection.Client.SearchAsync(new SearchRequest("tides"));
        time.Advance(TimeSpan.FromMinutes(3));
        (await raw.GetAsync("health")).Dispose();
        time.Advance(TimeSpan.FromMinutes(1.5)); // 4.5 of the token's 5 minutes gone
        await connection.Client.SearchAsync(new SearchRequest("tides"));

        var tokens = api.Seen.Select(request => request.Authorization).ToList();
        Assert.All(tokens, header => Assert.Equal("Bearer", header?.Scheme));
        Assert.Equal(tokens[0]!.Parameter, tokens[1]!.Parameter);
        Assert.NotEqual(tokens[0]!.Parameter, tokens[2]!.Parameter);
    }

    [Fact]
    public async Task AnApiKeyIsSentAsXApiKeyWithoutABearerToken()
    {
        var api = new ScriptedApi(TimeProvider.System);
        using var connection = ApiConnection.Create(Api, Credentials.ApiKey("rpk_bench"), ConnectionLimits.For(1), () => api);
        using var raw = connection.CreateHttpClient();

        await connection.Client.SearchAsync(new SearchRequest("tides"));
        (await raw.GetAsync("health")).Dispose();

        Assert.All(api.Seen, request =>
        {
            Assert.Equal("rpk_bench", request.ApiKey);
            Assert.Null(request.Authorization);
        });
        Assert.Equal(2, api.Seen.Count);
    }
}
