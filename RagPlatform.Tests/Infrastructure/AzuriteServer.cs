using System.Diagnostics;
using System.Net.Sockets;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// Azurite's Blob service (npm package azurite, installed by .ci/run) as a process on a free port with a temporary
/// folder, for the Azure Blob backup target: the real wire protocol without an Azure account.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's one well-known development account (published in its documentation; not a secret).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string _folder;

    private AzuriteServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static async Task<AzuriteServer> StartAsync()
    {
        var executable = Find() ?? throw new InvalidOperationException("azurite-blob not found: npm install -g azurite@3.37.0 (.ci/run does)");
        var folder = Directory.CreateTempSubdirectory("ragplatform-azurite-").FullName;
        var port = TestPorts.Next();
        // The client library may speak a newer service version than this Azurite knows; the calls used here are old ones.
        var startInfo = new ProcessStartInfo(executable,
            ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--location", folder, "--silent", "--skipApiVersionCheck", "--disableTelemetry"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("azurite-blob did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AzuriteServer(process, folder, port);
        var deadline = Stopwatch.StartNew();
        while (!await server.AcceptsAsync())
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"azurite-blob on port {port} did not start listening");
            }
            await Task.Delay(100);
        }
        return server;
    }

    private async Task<bool> AcceptsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "azurite-blob"))
            .FirstOrDefault(File.Exists);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
