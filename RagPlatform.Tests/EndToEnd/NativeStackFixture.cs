using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.EndToEnd;

/// <summary>
/// The whole AppHost in native mode, as a developer without Docker runs it: PostgreSQL and Redis
/// from the machine, the API and the worker, and the machine's Prometheus, on free ports and a data folder of its own.
/// </summary>
public sealed class NativeStackFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private DistributedApplication? _app;
    private string? _dataDirectory;

    public HttpClient Api { get; private set; } = null!;

    /// <summary>The AppHost itself: its resources' state, and clients of the ones that do not need credentials (Prometheus).</summary>
    /// <summary>What the AppHost itself logs (its console).</summary>
    public TelemetryCapture AppHostLogs { get; } = new(spans: false);

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The stack is started in InitializeAsync.");

    public async ValueTask InitializeAsync()
    {
        // Under /var/tmp, not the test's temp folder: the postgres user must be able to reach it when tests run as root.
        _dataDirectory = Path.Combine("/var/tmp", $"ragplatform-e2e-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RagPlatform_AppHost>(
        [
            "Infrastructure:Mode=native",
            $"Infrastructure:DataDirectory={_dataDirectory}",
            $"Infrastructure:PostgresPort={TestPorts.Next().ToString(CultureInfo.InvariantCulture)}",
            $"Infrastructure:RedisPort={TestPorts.Next().ToString(CultureInfo.InvariantCulture)}",
            $"Monitoring:PrometheusPort={TestPorts.Next().ToString(CultureInfo.InvariantCulture)}",
            // The AppHost's secret parameters, given instead of generated so the tests can sign tokens.
            $"Parameters:jwt-signing-key={TestCredentials.SigningKey}",
            $"Parameters:service-token={TestCredentials.ServiceToken}",
        ]);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        builder.Services.AddSingleton<ILoggerProvider>(AppHostLogs);
        // The tests poll the API from one address, far beyond the default 100 requests a minute.
        builder.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("RateLimiting__PermitLimit", "1000000");
        // Jobs a killed worker held are taken over once their lease runs out: 15 s here instead of 2 minutes.
        builder.CreateResourceBuilder<ProjectResource>("worker").WithEnvironment("Ingestion__Lease", "00:00:15");

        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("worker", timeout.Token);
        Api = _app.CreateHttpClient("api").Authorize();
    }

    /// <summary>Every line a resource has written to its console so far.</summary>
    public async Task<List<string>> OutputOfAsync(string resourceName)
    {
        var resource = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resourceName);
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resource).WithCancellation(timeout.Token))
        {
            lines.AddRange(batch.Select(l => l.Content));
        }
        return lines;
    }

    /// <summary>How a resource ended and its last lines of output, for a failure message.</summary>
    public async Task<string> ReportAsync(string resourceName)
    {
        var state = App.ResourceNotifications.TryGetCurrentState(resourceName, out var e)
            ? $"{resourceName} is {e.Snapshot.State?.Text} (exit code {e.Snapshot.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"})"
            : $"{resourceName} has no state";
        var lines = await OutputOfAsync(resourceName);
        return $"{state}, its last output:\n{string.Join('\n', lines.TakeLast(30))}";
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        AppHostLogs.Dispose();
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

[CollectionDefinition(Name)]
[Trait("Category", "Integration")]
public sealed class NativeStackCollection : ICollectionFixture<NativeStackFixture>
{
    public const string Name = "native stack";
}
