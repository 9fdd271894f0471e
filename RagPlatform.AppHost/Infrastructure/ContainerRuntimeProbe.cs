using System.ComponentModel;
using System.Diagnostics;

namespace RagPlatform.AppHost.Infrastructure;

/// <summary>Asks docker or podman whether its engine answers, within a few seconds at most.</summary>
internal static class ContainerRuntimeProbe
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    public sealed record Result(bool Healthy, string Reason);

    public static Result Run(string? preferredRuntime)
    {
        string[] runtimes = string.IsNullOrWhiteSpace(preferredRuntime) ? ["docker", "podman"] : [preferredRuntime];
        var deadline = Stopwatch.StartNew();
        var reasons = new List<string>();

        foreach (var runtime in runtimes)
        {
            var remaining = Budget - deadline.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                reasons.Add($"no time left to ask {runtime}");
                break;
            }

            var (healthy, reason) = Ask(runtime, remaining);
            if (healthy)
            {
                return new Result(true, $"'{runtime} info' answered: {reason}");
            }

            reasons.Add(reason);
        }

        return new Result(false, "no container runtime answered: " + string.Join("; ", reasons));
    }

    private static (bool Healthy, string Reason) Ask(string runtime, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            return (false, $"{runtime} is not installed");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (false, $"'{runtime} info' did not answer within {timeout.TotalSeconds:0.#} s");
            }

            return process.ExitCode == 0
                ? (true, $"server version {stdout.Result.Trim()}")
                : (false, $"'{runtime} info' exited with {process.ExitCode} (engine not running?)");
        }
    }
}
