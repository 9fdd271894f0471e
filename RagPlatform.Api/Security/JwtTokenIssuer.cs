using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RagPlatform.Api.Security;

/// <summary>
/// Mints tokens this API accepts. Production tokens come from the organisation's identity provider; this is for
/// development credentials and tests, which must sign exactly as an issuer configured here would.
/// </summary>
public sealed class JwtTokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    public string Create(string subject, string tenant, IEnumerable<string> roles, TimeSpan lifetime)
    {
        var jwt = options.Value.Jwt;
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new(RagClaims.Subject, subject), new(RagClaims.Tenant, tenant) };
        claims.AddRange(roles.Select(role => new Claim(RagClaims.Role, role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey!)), SecurityAlgorithms.HmacSha256),
        });
    }
}
