using System.Diagnostics;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// The README's <c>eval "$(dotnet run --project RagPlatform.AppHost -- token | grep ^export)"</c>, run on the built AppHost in bash, with
/// the parameters given in the environment (as user secrets would give them) and a home of its own, so the machine's
/// user secrets play no part.
/// </summary>
public static class TokenCommand
{
    public sealed record Result(int ExitCode, string Token, string ServiceToken, string Error);

    /// <summary>Runs the command, evaluates its output and reads back $TOKEN and $SERVICE_TOKEN.</summary>
    public static async Task<Result> RunAsync(string? signingKey, string? serviceToken, string options = "")
    {
        var appHost = Path.Combine(AppContext.BaseDirectory, "RagPlatform.AppHost.dll");
        var home = Directory.CreateTempSubdirectory("ragplatform-home-").FullName;
        try
        {
            var script = $"""
                set -o pipefail
                out="$(dotnet "{appHost}" token {options} | grep ^export)" || exit $?
                eval "$out"
                printf '%s\n%s\n' "$TOKEN" "$SERVICE_TOKEN"
                """;
            var startInfo = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
            startInfo.Environment["HOME"] = home;
            if (signingKey is not null)
            {
                startInfo.Environment["Parameters__jwt-signing-key"] = signingKey;
            }
            if (serviceToken is not null)
            {
                startInfo.Environment["Parameters__service-token"] = serviceToken;
            }
            using var process = Process.Start(startInfo)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var lines = (await output).Split('\n');
            return new Result(process.ExitCode, lines.ElementAtOrDefault(0) ?? "", lines.ElementAtOrDefault(1) ?? "", await error);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
