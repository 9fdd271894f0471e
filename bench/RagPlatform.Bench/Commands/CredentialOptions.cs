using System.CommandLine;
using System.Text;
using RagPlatform.Bench.Client;

namespace RagPlatform.Bench.Commands;

/// <summary>
/// How a command authenticates to the API: a bearer token, an API key, or HS256 tokens minted from the API's signing
/// key (tenant and roles reader+writer). Each may also come from the environment (RAG_TOKEN, RAG_API_KEY,
/// RAG_JWT_SIGNING_KEY + RAG_TENANT), so secrets need not sit in shell history.
/// </summary>
public sealed class CredentialOptions
{
    private readonly Option<string?> _token = new("--token") { Description = "A bearer token (JWT) sent with every request (or RAG_TOKEN)." };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "An API key sent as X-Api-Key with every request (or RAG_API_KEY)." };
    private readonly Option<string?> _signingKey = new("--jwt-signing-key")
    {
        Description = "Mint short-lived HS256 tokens (roles reader and writer) with this key, the API's Auth:Jwt:SigningKey (or RAG_JWT_SIGNING_KEY).",
    };
    private readonly Option<string> _issuer = new("--jwt-issuer") { Description = "Issuer of minted tokens.", DefaultValueFactory = _ => "ragplatform" };
    private readonly Option<string> _audience = new("--jwt-audience") { Description = "Audience of minted tokens.", DefaultValueFactory = _ => "ragplatform-api" };
    private readonly Option<string?> _tenant = new("--tenant") { Description = "The tenant claim of minted tokens (or RAG_TENANT; default: bench)." };

    /// <summary>Adds the options and their checks to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _token, _apiKey, _signingKey, _issuer, _audience, _tenant })
        {
            command.Options.Add(option);
        }
        command.Validators.Add(result =>
        {
            if (new[] { _token, _apiKey, _signingKey }.Count(o => result.GetValue(o) is not null) > 1)
            {
                result.AddError("Give at most one of --token, --api-key and --jwt-signing-key.");
            }
            if (result.GetValue(_signingKey) is { } key && Encoding.UTF8.GetByteCount(key) < 32)
            {
                result.AddError("--jwt-signing-key must be at least 32 bytes, as the API requires.");
            }
        });
    }

    public Credentials From(ParseResult parseResult, string subject)
    {
        if ((parseResult.GetValue(_token) ?? Environment.GetEnvironmentVariable("RAG_TOKEN")) is { Length: > 0 } bearer)
        {
            return Credentials.Bearer(bearer);
        }
        if ((parseResult.GetValue(_apiKey) ?? Environment.GetEnvironmentVariable("RAG_API_KEY")) is { Length: > 0 } key)
        {
            return Credentials.ApiKey(key);
        }
        if ((parseResult.GetValue(_signingKey) ?? Environment.GetEnvironmentVariable("RAG_JWT_SIGNING_KEY")) is { Length: > 0 } signing)
        {
            var tenant = parseResult.GetValue(_tenant) ?? Environment.GetEnvironmentVariable("RAG_TENANT") ?? "bench";
            return Credentials.Minted(new JwtMinter(signing, parseResult.GetValue(_issuer)!, parseResult.GetValue(_audience)!,
                tenant, subject, TimeProvider.System), TimeProvider.System);
        }
        return Credentials.None;
    }
}
