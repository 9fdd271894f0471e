using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace RagPlatform.Core.Ocr;

/// <summary>
/// Runs one external tool to completion: arguments passed as a list (no shell), standard output read up to a cap,
/// the process tree killed at the timeout or on cancellation. A tool not on PATH is an <see cref="OcrToolMissingException"/>.
/// </summary>
internal static class ToolProcess
{
    public static async Task<string> RunAsync(
        string fileName, string package, IEnumerable<string> arguments, TimeSpan timeout, long maxOutputBytes, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Tesseract would start one thread per core for each page; the worker already runs several documents at once.
        start.Environment["OMP_THREAD_LIMIT"] = "1";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new OcrToolMissingException(Path.GetFileName(fileName), package, ex);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            var output = await ReadCappedAsync(process.StandardOutput, maxOutputBytes, fileName, deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            if (process.ExitCode != 0)
            {
                var error = (await stderr).Trim();
                throw new OcrFailedException($"{Path.GetFileName(fileName)} failed (exit code {process.ExitCode}): {Tail(error)}");
            }
            return output;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Path.GetFileName(fileName)} did not finish a page within {timeout} (Ocr:PageTimeout).");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader, long maxBytes, string fileName, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            text.Append(buffer, 0, read);
            // Characters, not bytes: close enough for a cap that exists to bound memory.
            if (text.Length > maxBytes)
            {
                throw new OcrFailedException($"{Path.GetFileName(fileName)} wrote more than {maxBytes} bytes (Ocr:MaxOutputBytes).");
            }
        }
        return text.ToString();
    }

    private static string Tail(string error) => error.Length <= 300 ? error : "..." + error[^300..];
}
