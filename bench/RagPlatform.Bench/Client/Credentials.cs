using RagPlatform.Client;

namespace RagPlatform.Bench.Client;

/// <summary>What a request carries to authenticate: nothing, a fixed bearer token, an API key, or tokens minted and renewed before they expire.</summary>
public sealed class Credentials
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly string? _apiKey;
    private readonly JwtMinter? _minter;
    private readonly TimeProvider _time;
    private readonly Lock _renewing = new();
    private volatile string? _token;
    private long _renewAtTicks = long.MaxValue; // UTC ticks; read without the lock, so a long, not a DateTimeOffset

    private Credentials(string? token, string? apiKey, JwtMinter? minter, TimeProvider time)
    {
        _token = token;
        _apiKey = apiKey;
        _minter = minter;
        _time = time;
    }

    public static Credentials None { get; } = new(null, null, null, TimeProvider.System);

    public static Credentials Bearer(string token) => new(token, null, null, TimeProvider.System);

    public static Credentials ApiKey(string key) => new(null, key, null, TimeProvider.System);

    public static Credentials Minted(JwtMinter minter, TimeProvider time)
    {
        var credentials = new Credentials(null, null, minter, time);
        credentials.Renew();
        return credentials;
    }

    public string Describe() => _minter is not null ? "minted JWT (reader, writer)" : _token is not null ? "bearer token" : _apiKey is not null ? "API key" : "none";

    /// <summary>
    /// Gives the typed client's options these credentials: the API key, or a token provider answering with the fixed
    /// token or the current minted one. RagPlatformCredentialsHandler then signs every request, as it does for any user.
    /// </summary>
    public void Configure(RagPlatformClientOptions options)
    {
        if (_apiKey is not null)
        {
            options.ApiKey = _apiKey;
        }
        else if (_token is not null || _minter is not null)
        {
            options.TokenProvider = (_, _) => ValueTask.FromResult(CurrentToken());
        }
    }

    /// <summary>The bearer token to send now (a minted one renewed a minute before it expires); null without one.</summary>
    private string? CurrentToken()
    {
        if (_minter is not null && _time.GetUtcNow().UtcTicks >= Volatile.Read(ref _renewAtTicks))
        {
            Renew();
        }
        return _token;
    }

    private void Renew()
    {
        lock (_renewing)
        {
            if (_token is not null && _time.GetUtcNow().UtcTicks < Volatile.Read(ref _renewAtTicks))
            {
                return;
            }
            var expires = _minter!.Mint(out var token);
            _token = token;
            Volatile.Write(ref _renewAtTicks, (expires - RenewBefore).UtcTicks);
        }
    }
}
