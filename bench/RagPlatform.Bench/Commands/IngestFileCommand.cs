using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RagPlatform.Bench.Client;
using RagPlatform.Bench.Ingestion;
using RagPlatform.Client;

namespace RagPlatform.Bench.Commands;

/// <summary>
/// One file uploaded as a user would (multipart), timed from the upload to "indexed", with the embedding progress the
/// API reports on the way: how long a large document or a scan takes end to end.
/// </summary>
public static class IngestFileCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file") { Description = "the file to upload", Required = true };
        var contentType = new Option<string>("--content-type") { Description = "its media type", DefaultValueFactory = _ => "application/pdf" };
        var api = CommonOptions.Api();
        var collection = CommonOptions.Collection("bench-files");

        var command = new Command("ingest-file", "Upload one file and time it until it is indexed; report chunks and progress.")
        {
            file, contentType, api, collection,
        };
        var credentials = new CredentialOptions();
        credentials.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var path = parseResult.GetValue(file)!;
            using var connection = ApiConnection.Create(CommonOptions.BaseAddress(parseResult.GetValue(api)!), credentials.From(parseResult, "bench-ingest"),
                ConnectionLimits.For(2));
            var client = connection.Client;
            await using var content = File.OpenRead(path.FullName);
            var started = Stopwatch.StartNew();
            var accepted = await client.UploadAsync(new FileUpload(content, path.Name, parseResult.GetValue(contentType), $"file-{Guid.NewGuid():N}",
                Collection: parseResult.GetValue(collection) ?? "bench-files"), cancellationToken: cancellationToken);
            Console.WriteLine($"uploaded {path.Name} ({path.Length:N0} bytes) as {accepted.Id}");
            while (true)
            {
                var document = await client.GetDocumentAsync(accepted.Id, cancellationToken);
                if (document.IsFinal())
                {
                    Console.WriteLine($"{document.Status} after {started.Elapsed:m\\:ss\\.f}: {document.ChunkCount:N0} chunks" +
                        (document.Status == DocumentStatuses.Failed ? $", error: {document.Error}" : ""));
                    return document.Status == DocumentStatuses.Indexed ? 0 : 1;
                }
                if (document.Progress is { } progress)
                {
                    // While a scan is recognised there are pages, not chunks, to count.
                    var done = progress.ChunksEmbedded is { } embedded
                        ? string.Create(CultureInfo.InvariantCulture, $"{embedded:N0} of {progress.ChunkCount:N0} chunks embedded")
                        : string.Create(CultureInfo.InvariantCulture, $"{progress.PagesRecognised:N0} of {progress.PageCount:N0} pages recognised");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {started.Elapsed:m\\:ss}: {document.Status}, step {document.Step}, {done}") +
                        (progress.EstimatedSecondsLeft is { } left ? string.Create(CultureInfo.InvariantCulture, $", about {left:0} s left") : ""));
                }
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }));
        return command;
    }
}
