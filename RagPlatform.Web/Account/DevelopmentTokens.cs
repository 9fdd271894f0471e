using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RagPlatform.Web.Account;

/// <summary>
/// Development only: tokens the API accepts, signed with the key the AppHost gives the API and this app alike, so a
/// developer signs in with one click. Outside Development, or without a key, it offers nothing.
/// </summary>
public sealed class DevelopmentTokens(IOptions<WebAuthOptions> options, IHostEnvironment environment, TimeProvider time)
{
    private const int MinimumKeyBytes = 32;

    private DevelopmentSignInOptions Settings => options.Value.Development;

    public bool IsAvailable => environment.IsDevelopment()
        && Settings.SigningKey is { } key && Encoding.UTF8.GetByteCount(key) >= MinimumKeyBytes;

    public string Tenant => Settings.Tenant;

    public DateTimeOffset ExpiresAt => time.GetUtcNow() + Settings.Lifetime;

    public string Create(string subject, IReadOnlyList<string> roles)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("Development sign-in needs the Development environment and Web:Development:SigningKey (the AppHost's jwt-signing-key).");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new("sub", subject), new("tenant", Settings.Tenant) };
        claims.AddRange(roles.Select(role => new Claim("role", role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Settings.Issuer,
            Audience = Settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Settings.Lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Settings.SigningKey!)), SecurityAlgorithms.HmacSha256),
        });
    }
}
