using System.Diagnostics;
using System.Text;

namespace RagPlatform.Tests.Backups;

/// <summary>The restore as an operator runs it: the worker executable with <c>--Backup:RestoreFrom</c>, to its exit.</summary>
internal static class RestoreProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string from, string connectionString, string backupFolder)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "RagPlatform.Worker.dll");
        var startInfo = new ProcessStartInfo("dotnet", [worker, $"--Backup:RestoreFrom={from}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        startInfo.Environment["ConnectionStrings__ragdb"] = connectionString;
        startInfo.Environment["Backup__LocalPath"] = backupFolder;
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("the worker did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
