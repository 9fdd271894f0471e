using System.Net.Http.Headers;

namespace RagPlatform.Bench.Client;

/// <summary>What a request carries to authenticate: nothing, a fixed bearer token, an API key, or tokens minted and renewed before they expire.</summary>
public sealed class Credentials
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly string? _apiKey;
    private readonly JwtMinter? _minter;
    private readonly TimeProvider _time;
    private readonly Lock _renewing = new();
    private volatile AuthenticationHeaderValue? _bearer;
    private long _renewAtTicks = long.MaxValue; // UTC ticks; read without the lock, so a long, not a DateTimeOffset

    private Credentials(AuthenticationHeaderValue? bearer, string? apiKey, JwtMinter? minter, TimeProvider time)
    {
        _bearer = bearer;
        _apiKey = apiKey;
        _minter = minter;
        _time = time;
    }

    public static Credentials None { get; } = new(null, null, null, TimeProvider.System);

    public static Credentials Bearer(string token) => new(new AuthenticationHeaderValue("Bearer", token), null, null, TimeProvider.System);

    public static Credentials ApiKey(string key) => new(null, key, null, TimeProvider.System);

    public static Credentials Minted(JwtMinter minter, TimeProvider time)
    {
        var credentials = new Credentials(null, null, minter, time);
        credentials.Renew();
        return credentials;
    }

    public string Describe() => _minter is not null ? "minted JWT (reader, writer)" : _bearer is not null ? "bearer token" : _apiKey is not null ? "API key" : "none";

    public void Apply(HttpRequestMessage request)
    {
        if (_minter is not null && _time.GetUtcNow().UtcTicks >= Volatile.Read(ref _renewAtTicks))
        {
            Renew();
        }
        if (_bearer is { } bearer)
        {
            request.Headers.Authorization = bearer;
        }
        else if (_apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", _apiKey);
        }
    }

    private void Renew()
    {
        lock (_renewing)
        {
            if (_bearer is not null && _time.GetUtcNow().UtcTicks < Volatile.Read(ref _renewAtTicks))
            {
                return;
            }
            var expires = _minter!.Mint(out var token);
            _bearer = new AuthenticationHeaderValue("Bearer", token);
            Volatile.Write(ref _renewAtTicks, (expires - RenewBefore).UtcTicks);
        }
    }
}
