using System.Net.Http.Headers;
using RagPlatform.Api.Security;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>The credentials test servers are configured with, and tokens signed the way the API expects.</summary>
public static class TestCredentials
{
    public const string SigningKey = "test-signing-key-of-at-least-32-bytes-0123456789";
    public const string ServiceToken = "test-service-token-of-at-least-32-characters";
    public const string Tenant = "test";

    public static readonly string[] AllRoles = Roles.All;

    /// <summary>The storage key of the test tenant's document <paramref name="id"/>, as the index and PostgreSQL hold it.</summary>
    public static string KeyOf(string id) => RagPlatform.Core.Tenancy.Tenants.DocumentKey(Tenant, id);

    public static AuthOptions Options => new() { Jwt = new JwtOptions { SigningKey = SigningKey }, ServiceToken = ServiceToken };

    /// <summary>A valid token, or one expired <paramref name="expiredFor"/> ago, or signed with <paramref name="signingKey"/> instead.</summary>
    public static string Token(string tenant = Tenant, string[]? roles = null, string subject = "tests",
        TimeSpan? expiredFor = null, string? signingKey = null, string? audience = null)
    {
        var options = Options;
        options.Jwt.SigningKey = signingKey ?? SigningKey;
        options.Jwt.Audience = audience ?? options.Jwt.Audience;
        // An expired token is minted in the past: issued two hours before it expired.
        var time = expiredFor is { } ago ? new FixedTime(DateTimeOffset.UtcNow - ago - TimeSpan.FromHours(2)) : (TimeProvider)TimeProvider.System;
        return new JwtTokenIssuer(Microsoft.Extensions.Options.Options.Create(options), time)
            .Create(subject, tenant, roles ?? AllRoles, TimeSpan.FromHours(2));
    }

    /// <summary>Sends <paramref name="token"/> (and the service token) with every request of <paramref name="client"/>.</summary>
    public static HttpClient Authorize(this HttpClient client, string? token = null, bool serviceToken = true)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token());
        if (serviceToken)
        {
            client.DefaultRequestHeaders.Add(ServiceTokenFilter.HeaderName, ServiceToken);
        }
        return client;
    }

    public static void UseTestCredentials(this Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:Jwt:SigningKey", SigningKey);
        builder.UseSetting("Auth:ServiceToken", ServiceToken);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
