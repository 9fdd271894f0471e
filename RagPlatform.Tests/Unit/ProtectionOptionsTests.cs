using System.ComponentModel.DataAnnotations;
using RagPlatform.Api.Protection;
using RagPlatform.Api.RateLimiting;

namespace RagPlatform.Tests.Unit;

public sealed class ProtectionOptionsTests
{
    [Fact]
    public void BadRateLimitSettingsNameTheirKeys()
    {
        var options = new RateLimitingOptions { PermitLimit = 0, Window = TimeSpan.Zero };
        options.Groups["search"] = new RateLimitGroupOptions { PermitLimit = -1 };
        options.Groups["everything"] = new RateLimitGroupOptions { PermitLimit = 5 };

        var result = new RateLimitingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        foreach (var key in new[] { "RateLimiting:PermitLimit", "RateLimiting:Window", "RateLimiting:Groups:search:PermitLimit", "RateLimiting:Groups:everything" })
        {
            Assert.Contains(key, result.FailureMessage);
        }
    }

    [Fact]
    public void GroupSettingsOverrideTheDefaultsOneByOne()
    {
        var options = new RateLimitingOptions();
        options.Groups["search"] = new RateLimitGroupOptions { PermitLimit = 600 };

        Assert.Equal(new RateLimit(600, TimeSpan.FromMinutes(1)), options.For(RateLimitGroups.Search));
        Assert.Equal(new RateLimit(100, TimeSpan.FromMinutes(1)), options.For(RateLimitGroups.Admin));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://app.example.com/path")]
    [InlineData("ftp://app.example.com")]
    [InlineData("app.example.com")]
    public void CorsOriginMustBeAnOriginNotAPatternOrPath(string origin)
    {
        var settings = new CorsSettings { AllowedOrigins = ["https://ok.example.com", origin] };

        var results = settings.Validate(new ValidationContext(settings)).ToList();

        Assert.Contains(results, r => r.ErrorMessage!.Contains("Cors:AllowedOrigins:1", StringComparison.Ordinal));
        Assert.Single(results);
    }
}
