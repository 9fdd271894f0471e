using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Chunking;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Extraction;
using RagPlatform.Core.Ocr;

namespace RagPlatform.Bench.Commands;

/// <summary>
/// The worker's extract and chunk steps on one file, in this process, without the API: how long the largest upload of a
/// format takes to read (OCR included, with the real tesseract and pdftoppm), how much memory that needs, and how many
/// chunks it makes, which at a measured embedding rate gives the rest of its time to indexed.
/// </summary>
public static class ExtractFileCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file") { Description = "the file to read", Required = true };
        var contentType = new Option<string>("--content-type") { Description = "its media type", DefaultValueFactory = _ => "application/pdf" };
        var rate = new Option<double>("--chunks-per-second")
        {
            Description = "embedding rate to project the embed step with (16.4: the 300-page PDF end to end, docs/benchmarks.md)",
            DefaultValueFactory = _ => 16.4,
        };
        var command = new Command("extract-file", "Run extract (with OCR) and chunk on one file; report time, memory and chunks.") { file, contentType, rate };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var path = parseResult.GetValue(file)!;
            var type = parseResult.GetValue(contentType)!;
            var content = await File.ReadAllBytesAsync(path.FullName, cancellationToken);
            var options = Options.Create(new OcrOptions());
            var ocr = new OcrExtractor(new TesseractOcr(options), new PdfPageRenderer(options), options);

            var clock = Stopwatch.StartNew();
            var extracted = ContentTypes.IsImage(type)
                ? await ocr.ImageAsync(content, cancellationToken, Report)
                : new TextExtractor().Extract(content, type);
            if (ContentTypes.Normalize(type) == ContentTypes.Pdf)
            {
                extracted = await ocr.CompletePdfAsync(content, extracted, cancellationToken, Report);
            }
            var extractTime = clock.Elapsed;

            clock.Restart();
            var chunks = new TextChunker(new MiniLmTokenizer(), new ChunkingOptions()).Chunk(extracted.Text);
            var chunkTime = clock.Elapsed;
            var embed = TimeSpan.FromSeconds(chunks.Count / parseResult.GetValue(rate));
            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"{path.Name}: {content.Length:N0} bytes, {type}");
            Console.WriteLine($"extract {extractTime.TotalSeconds:N1} s: {extracted.Text.Length:N0} characters" +
                (extracted.OcrConfidence is { Count: > 0 } pages ? $", {pages.Count} pages recognised" : ""));
            Console.WriteLine($"chunk {chunkTime.TotalSeconds:N1} s: {chunks.Count:N0} chunks");
            Console.WriteLine($"peak working set {process.PeakWorkingSet64 / (1024 * 1024):N0} MB");
            Console.WriteLine($"embed at {parseResult.GetValue(rate)} chunks/s: about {embed:h\\:mm\\:ss}; extract + chunk + embed about {extractTime + chunkTime + embed:h\\:mm\\:ss}");
            return 0;
        }));
        return command;
    }

    private static Task Report(int pagesRecognised, int pageCount, CancellationToken cancellationToken)
    {
        Console.WriteLine($"  OCR: {pagesRecognised} of {pageCount} pages");
        return Task.CompletedTask;
    }
}
