using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>The machine's Prometheus (Debian's package) on a free loopback port with a given configuration, queried over its HTTP API.</summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/prometheus";
    private readonly Process _process;
    private readonly string _folder;

    private PrometheusServer(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public static async Task<PrometheusServer> StartAsync(string configuration)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException("prometheus is not installed: apt-get install prometheus");
        }

        var folder = Directory.CreateTempSubdirectory("ragplatform-prometheus-").FullName;
        var configFile = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, configuration);
        var port = TestPorts.Next();
        var start = new ProcessStartInfo(Executable,
            [$"--config.file={configFile}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        var deadline = Stopwatch.StartNew();
        while (!await server.IsReadyAsync())
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"prometheus on port {port} did not become ready");
            }
            await Task.Delay(100);
        }
        return server;
    }

    /// <summary>How many series (or 1 for a scalar) an instant query returns now; throws with Prometheus's error when it is not valid.</summary>
    public async Task<int> CountSeriesAsync(string query)
    {
        using var response = await Http.GetAsync($"api/v1/query?query={Uri.EscapeDataString(query)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused '{query}': {body.GetProperty("error").GetString()}");
        }
        var data = body.GetProperty("data");
        return data.GetProperty("resultType").GetString() is "vector" or "matrix" ? data.GetProperty("result").GetArrayLength() : 1;
    }

    public async Task<JsonElement> GetAsync(string path) =>
        (await Http.GetFromJsonAsync<JsonElement>(path)).GetProperty("data");

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            return (await Http.GetAsync("-/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
