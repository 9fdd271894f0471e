using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RagPlatform.Bench.Client;

/// <summary>
/// Short-lived HS256 tokens the API accepts (issuer, audience, signing key as in its Auth:Jwt
/// settings), minted here so a run needs no identity provider. Written out by hand: a JWT is two
/// base64url JSON objects and an HMAC, and the bench stays free of the server's token packages.
/// </summary>
public sealed class JwtMinter(string signingKey, string issuer, string audience, string tenant, string subject, TimeProvider time)
{
    public static readonly string[] Roles = ["reader", "writer"];

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    private readonly byte[] _key = Encoding.UTF8.GetBytes(signingKey);

    public DateTimeOffset Mint(out string token)
    {
        var now = time.GetUtcNow();
        var expires = now + Lifetime;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["tenant"] = tenant,
            ["role"] = Roles,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        });
        var unsigned = $"{Header}.{Base64Url.EncodeToString(payload)}";
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(unsigned));
        token = $"{unsigned}.{Base64Url.EncodeToString(signature)}";
        return expires;
    }
}
