using System.Diagnostics;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>The real worker executable as a separate OS process, so a test can kill it with SIGKILL like a crash would.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public static WorkerProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "RagPlatform.Worker.dll");
        var startInfo = new ProcessStartInfo("dotnet", $"\"{worker}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        // Scheduled backups have tests of their own; elsewhere they would only write into the machine's backup folder.
        startInfo.Environment["Backup__Enabled"] = "false";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("the worker did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process);
    }

    /// <summary>SIGKILL: no shutdown hooks, no lease release, whatever was in flight is abandoned mid-step.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
