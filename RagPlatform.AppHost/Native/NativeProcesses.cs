using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace RagPlatform.AppHost.Native;

/// <summary>Runs set-up commands and stops native servers by their pid file.</summary>
internal static class NativeProcesses
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>The command and leading arguments that run <paramref name="executable"/> as <paramref name="user"/> (null: as this process).</summary>
    /// <remarks>
    /// setpriv replaces itself with the target (runuser forks and stays as a parent), so the process the
    /// orchestrator or a test tracks and signals is the server itself.
    /// </remarks>
    public static (string Command, string[] Prefix) RunAs(string? user, string executable) => user is null
        ? (executable, [])
        : ("setpriv", [$"--reuid={user}", $"--regid={user}", "--init-groups", "--", executable]);

    /// <summary>Runs a command to completion and throws with its output when it fails.</summary>
    public static async Task RunAsync(string executable, IEnumerable<string> args, ILogger logger, CancellationToken ct)
    {
        var start = new ProcessStartInfo(executable, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = (await stdout + await stderr).Trim();
        logger.LogInformation("{Command} exited with {ExitCode}: {Output}", Path.GetFileName(executable), process.ExitCode, output);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(executable)} failed with exit code {process.ExitCode}: {output}");
        }
    }

    /// <summary>
    /// Signals the process named in the pid file and waits for it to exit, killing it after
    /// <paramref name="timeout"/>. A pid file whose process is gone or is something else is deleted.
    /// Returns whether a live server was found.
    /// </summary>
    public static bool StopFromPidFile(NativeProcessLayout layout, int signal, TimeSpan timeout)
    {
        var pid = ReadLivePid(layout);
        if (pid is null)
        {
            // A data folder that was never created (the first start failed, or nothing started) has no pid file to clear.
            if (Directory.Exists(Path.GetDirectoryName(layout.PidFile)))
            {
                File.Delete(layout.PidFile);
            }
            return false;
        }

        _ = Kill(pid.Value, signal);
        var waited = Stopwatch.StartNew();
        while (IsAlive(pid.Value) && waited.Elapsed < timeout)
        {
            Thread.Sleep(100);
        }

        if (IsAlive(pid.Value))
        {
            _ = Kill(pid.Value, SigKill);
        }

        return true;
    }

    /// <summary>The pid in the pid file if that process is alive and is the expected server.</summary>
    public static int? ReadLivePid(NativeProcessLayout layout)
    {
        if (!File.Exists(layout.PidFile)
            || !int.TryParse(File.ReadLines(layout.PidFile).FirstOrDefault()?.Trim(), out var pid)
            || !IsAlive(pid))
        {
            return null;
        }

        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == layout.ProcessName ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid)
    {
        // A zombie still has a /proc entry; its state letter is Z.
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
