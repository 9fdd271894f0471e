using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// The one way tests build an in-process API or worker host: the test credentials, the embedded index and the
/// Development environment unless told otherwise, then a database, a Redis, settings, service overrides and a clock.
/// </summary>
public sealed class TestHost<TMarker> where TMarker : class
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal) 
    {
        ["Index:Backend"] = "embedded",
        // Scheduled backups have tests of their own; elsewhere they would only write into the machine's backup folder.
        ["Backup:Enabled"] = "false",
        // Load shedding stays on, with a wait budget no starved test machine reaches: its own tests set it tight.
        ["Admission:MaxWait"] = "00:00:30",
        // Twenty hosts warming their search path would add a minute to the suite: the warm-up's own test turns it on.
        ["Warmup:Enabled"] = "false",
    };
    private readonly List<Action<IServiceCollection>> _services = [];
    private string _environment = "Development";

    /// <summary>The PostgreSQL database the host keeps its documents in.</summary>
    public TestHost<TMarker> WithDatabase(string connectionString) => WithSetting("ConnectionStrings:ragdb", connectionString);

    public TestHost<TMarker> WithRedis(NativeRedis redis) => WithSetting("ConnectionStrings:cache", redis.ConnectionString);

    public TestHost<TMarker> WithEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    public TestHost<TMarker> WithSetting(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces or adds services after the host's own registrations.</summary>
    public TestHost<TMarker> WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>The clock of everything time-driven in the host: breakers, timeouts, rate-limit windows, tokens.</summary>
    public TestHost<TMarker> WithTimeProvider(TimeProvider time) => WithServices(services => services.AddSingleton(time));

    public WebApplicationFactory<TMarker> Build() => new WebApplicationFactory<TMarker>().WithWebHostBuilder(builder =>
    {
        builder.UseEnvironment(_environment);
        builder.UseTestCredentials();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services => _services.ForEach(configure => configure(services)));
    });

    /// <summary>Builds the host and waits until its /health answers (an API migrates the schema before that).</summary>
    public async Task<WebApplicationFactory<TMarker>> StartAsync(TimeSpan? within = null)
    {
        var host = Build();
        using var client = host.CreateClient();
        await client.WaitUntilHealthyAsync(within);
        return host;
    }
}

/// <summary>Where a test starts building a host.</summary>
public static class TestHost
{
    public static TestHost<ApiMarker> Api() => new();

    public static TestHost<WorkerMarker> Worker() => new();
}
