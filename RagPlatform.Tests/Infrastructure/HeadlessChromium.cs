using System.Diagnostics;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// Debian's chromium, headless, printing a page's DOM after its scripts ran: enough to see that a page renders without
/// driving it. The flags keep it from reaching for a network these machines do not have (docs/toolchain: chromium).
/// </summary>
public static class HeadlessChromium
{
    public static async Task<string> DumpDomAsync(Uri page, TimeSpan? scriptTime = null)
    {
        var profile = Directory.CreateTempSubdirectory("ragplatform-chromium-").FullName;
        try
        {
            var budget = (int)(scriptTime ?? TimeSpan.FromSeconds(10)).TotalMilliseconds;
            var startInfo = new ProcessStartInfo("chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", $"--virtual-time-budget={budget}",
                "--dump-dom", page.ToString(),
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("chromium did not start (apt-get install chromium)");
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            return await output;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
