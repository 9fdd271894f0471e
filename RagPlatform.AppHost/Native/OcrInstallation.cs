using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RagPlatform.AppHost.Native;

/// <summary>
/// The OCR tools the worker runs for scanned PDFs and images (tesseract, pdftoppm). Without them everything else still
/// ingests and those documents fail naming the package, so the AppHost warns at start rather than refusing to run.
/// </summary>
public static class OcrInstallation
{
    private static readonly (string Tool, string Package)[] Tools = [("tesseract", "tesseract-ocr tesseract-ocr-eng"), ("pdftoppm", "poppler-utils")];

    /// <summary>The Debian packages to install for the tools not on <paramref name="path"/> (default: this process's PATH).</summary>
    public static IReadOnlyList<string> MissingPackages(string? path = null) => Tools
        .Where(tool => !(path ?? Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool.Tool))))
        .Select(tool => tool.Package)
        .ToList();

    /// <summary>Logs a warning at start naming the packages to install when the machine lacks an OCR tool the worker needs.</summary>
    public static IResourceBuilder<ProjectResource> WithOcrToolCheck(this IResourceBuilder<ProjectResource> worker)
    {
        worker.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((started, _) =>
        {
            if (MissingPackages() is { Count: > 0 } missing)
            {
                started.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RagPlatform.AppHost.Ocr").LogWarning(
                    "The worker cannot read scanned PDFs or images here (they will fail with this reason): install {Packages} (apt-get install {Packages}).",
                    string.Join(" ", missing), string.Join(" ", missing));
            }
            return Task.CompletedTask;
        });
        return worker;
    }
}
