using System.Text;
using System.Text.Json;
using RagPlatform.Bench.Client;
using RagPlatform.Bench.Load;

namespace RagPlatform.Tests.Bench;

public sealed class LoadOptionsTests
{
    [Fact]
    public void TheDefaultMixSendsEightyFifteenFiveOutOfAHundred()
    {
        Assert.True(LoadMix.TryParse(LoadMix.Default, out var mix, out _));

        var picks = Enumerable.Range(0, mix.TotalWeight).Select(mix.Pick).GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(100, mix.TotalWeight);
        Assert.Equal(80, picks[LoadOperation.Search]);
        Assert.Equal(15, picks[LoadOperation.Ask]);
        Assert.Equal(5, picks[LoadOperation.Upload]);
    }

    [Fact]
    public void AMixWithOneOperationOnlyNeverPicksAnother()
    {
        Assert.True(LoadMix.TryParse(" Search = 3 , upload=0", out var mix, out _));

        Assert.All(Enumerable.Range(0, mix.TotalWeight), draw => Assert.Equal(LoadOperation.Search, mix.Pick(draw)));
        Assert.Equal([LoadOperation.Search], mix.Operations);
    }

    [Theory]
    [InlineData("search=80,browse=20", "browse")]
    [InlineData("search", "name=weight")]
    [InlineData("search=-1", "whole number")]
    [InlineData("search=1.5", "whole number")]
    [InlineData("search=1,search=2", "twice")]
    [InlineData("search=0", "above 0")]
    [InlineData("1=5", "name=weight")]
    public void ABadMixIsRejectedSayingWhy(string text, string reason)
    {
        Assert.False(LoadMix.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("7m", 420)]
    [InlineData("90s", 90)]
    [InlineData("1m30s", 90)]
    [InlineData("1h", 3600)]
    [InlineData("45", 45)]
    [InlineData("500ms", 0.5)]
    [InlineData("00:07:00", 420)]
    public void DurationsAreReadAsPeopleTypeThem(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("7x")]
    [InlineData("m")]
    [InlineData("0s")]
    [InlineData("7m junk")]
    public void ANonDurationIsRejected(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public void ThresholdsThatHoldGiveNoFailure() =>
        Assert.Empty(new LoadThresholds(10, 0.01).Failures(p95Ms: 9.9, errorRate: 0.01, requests: 1000));

    [Fact]
    public void EachFailedThresholdIsNamed()
    {
        var failures = new LoadThresholds(10, 0.01).Failures(p95Ms: 12.5, errorRate: 0.02, requests: 1000);

        Assert.Equal(2, failures.Count);
        Assert.Contains("--p95-ms", failures[0]);
        Assert.Contains("12.5", failures[0]);
        Assert.Contains("--max-error-rate", failures[1]);
    }

    [Fact]
    public void NoThresholdGivenNeverFails() =>
        Assert.Empty(new LoadThresholds(null, null).Failures(p95Ms: 1e6, errorRate: 1, requests: 0));

    [Fact]
    public void ARunWithoutAnswersFailsItsThresholds() =>
        Assert.NotEmpty(new LoadThresholds(null, 0.5).Failures(p95Ms: 0, errorRate: 0, requests: 0));

    [Theory]
    [InlineData("0.01", 0.01)]
    [InlineData("1%", 0.01)]
    [InlineData("0", 0)]
    public void ErrorRatesAreFractionsOrPercentages(string text, double rate)
    {
        Assert.True(LoadThresholds.TryParseRate(text, out var parsed));
        Assert.Equal(rate, parsed, 10);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("150%")]
    [InlineData("-0.1")]
    [InlineData("many")]
    public void AnErrorRateOutsideZeroToOneIsRejected(string text) => Assert.False(LoadThresholds.TryParseRate(text, out _));

    [Fact]
    public void BreakerOpensAreSummedPerDependencyAndDiffed()
    {
        var before = BreakerMetrics.ParseOpens("""
            # TYPE rag_circuit_breaker_opens_total counter
            rag_circuit_breaker_opens_total{dependency="redis",otel_scope_name="RagPlatform"} 2 1764370000000
            rag_circuit_breaker_opens_total{dependency="postgres"} 0
            rag_circuit_breaker_state{dependency="redis"} 0
            """);
        var after = BreakerMetrics.ParseOpens("""
            rag_circuit_breaker_opens_total{dependency="redis",otel_scope_name="RagPlatform"} 5
            rag_circuit_breaker_opens_total{dependency="postgres"} 1
            rag_circuit_breaker_opens_total{dependency="embeddings"} 1
            """);

        var opens = BreakerMetrics.Diff(before, after)!;

        Assert.Equal(3, opens["redis"]);
        Assert.Equal(1, opens["postgres"]);
        Assert.Equal(1, opens["embeddings"]);
    }

    [Fact]
    public void AbsentBreakerMetricsAreNotApplicableRatherThanZero()
    {
        Assert.Null(BreakerMetrics.ParseOpens("rag_search_cache_lookups_total{result=\"hit\"} 3\n"));
        Assert.Null(BreakerMetrics.Diff(null, null));
    }

    [Fact]
    public void BreakersExportedButNeverOpenedCountAsZeroOpens()
    {
        var opens = BreakerMetrics.ParseOpens("# TYPE rag_circuit_breaker_state gauge\nrag_circuit_breaker_state{dependency=\"redis\"} 0\n");

        Assert.NotNull(opens);
        Assert.Empty(BreakerMetrics.Diff(opens, opens)!);
    }

    [Fact]
    public void AMintedTokenIsAnHs256JwtWithTheClaimsTheApiExpects()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        const string key = "a-signing-key-of-at-least-32-bytes!";
        var expires = new JwtMinter(key, "ragplatform", "ragplatform-api", "acme", "load-bench", time).Mint(out var token);

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var signature = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(signature), parts[2]);
        var header = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0])).RootElement;
        var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).RootElement;
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal("ragplatform", claims.GetProperty("iss").GetString());
        Assert.Equal("ragplatform-api", claims.GetProperty("aud").GetString());
        Assert.Equal("acme", claims.GetProperty("tenant").GetString());
        Assert.Equal("load-bench", claims.GetProperty("sub").GetString());
        Assert.Equal(["reader", "writer"], claims.GetProperty("role").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal(time.GetUtcNow().AddMinutes(5), expires);
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
