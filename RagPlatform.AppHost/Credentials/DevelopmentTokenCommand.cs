using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RagPlatform.AppHost.Credentials;

/// <summary>
/// <c>dotnet run --project RagPlatform.AppHost -- token</c>: prints shell lines setting <c>TOKEN</c> (a JWT the API accepts,
/// signed with the AppHost's <c>jwt-signing-key</c> parameter) and <c>SERVICE_TOKEN</c>, so a terminal user can
/// <c>eval "$(dotnet run --project RagPlatform.AppHost -- token | grep ^export)"</c> instead of finding a secret in a log. It reads the parameters where the AppHost keeps them (its user
/// secrets, or <c>Parameters:…</c> given in the environment or on the command line) and starts nothing.
/// Options: <c>--tenant</c> (dev), <c>--roles</c> (reader,writer,admin), <c>--hours</c> (12).
/// </summary>
internal static class DevelopmentTokenCommand
{
    public const string Verb = "token";

    /// <summary>The API's default issuer and audience (Auth:Jwt:Issuer, Auth:Jwt:Audience), which the AppHost does not change.</summary>
    private const string Issuer = "ragplatform";
    private const string Audience = "ragplatform-api";

    /// <summary>When the first argument is <c>token</c>, prints the credentials and exits; otherwise returns.</summary>
    public static void RunAndExitWhenRequested(string[] args)
    {
        if (args is [Verb, ..])
        {
            Environment.Exit(Run(Read(args[1..]), Console.Out, Console.Error));
        }
    }

    /// <summary>The AppHost's configuration as far as parameters go: user secrets, environment, command line.</summary>
    public static IConfiguration Read(string[] options) => new ConfigurationBuilder()
        .AddUserSecrets(typeof(DevelopmentTokenCommand).Assembly, optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(options)
        .Build();

    public static int Run(IConfiguration configuration, TextWriter output, TextWriter error)
    {
        var signingKey = configuration["Parameters:jwt-signing-key"];
        var serviceToken = configuration["Parameters:service-token"];
        if (string.IsNullOrEmpty(signingKey) || string.IsNullOrEmpty(serviceToken))
        {
            error.WriteLine("No jwt-signing-key or service-token parameter yet: start the stack once (dotnet run --project RagPlatform.AppHost), " +
                "which generates both into the AppHost's user secrets, or give them as --Parameters:jwt-signing-key=… --Parameters:service-token=….");
            return 1;
        }

        var tenant = configuration["tenant"] ?? "dev";
        var roles = (configuration["roles"] ?? "reader,writer,admin").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hours = double.Parse(configuration["hours"] ?? "12", CultureInfo.InvariantCulture);
        var token = Create(signingKey, "developer", tenant, roles, TimeSpan.FromHours(hours));

        output.WriteLine($"# RagPlatform development credentials: tenant '{tenant}', roles {string.Join(", ", roles)}, valid {hours} h.");
        output.WriteLine("# Use: curl -H \"Authorization: Bearer $TOKEN\" http://localhost:5080/api/v1/documents (admin endpoints: -H \"X-Service-Token: $SERVICE_TOKEN\")");
        output.WriteLine($"export TOKEN='{token}'");
        output.WriteLine($"export SERVICE_TOKEN='{serviceToken}'");
        return 0;
    }

    /// <summary>Signed exactly as the API's own JwtTokenIssuer signs (HS256, claims sub, tenant, role).</summary>
    private static string Create(string signingKey, string subject, string tenant, IEnumerable<string> roles, TimeSpan lifetime)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", subject), new("tenant", tenant) };
        claims.AddRange(roles.Select(role => new Claim("role", role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
