using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using RagPlatform.Bench.Client;

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
            using var client = RagApiClient.Create(CommonOptions.BaseAddress(parseResult.GetValue(api)!), 2, credentials.From(parseResult, "bench-ingest"));
            var http = client.Http;
            var id = $"file-{Guid.NewGuid():N}";
            var content = new ByteArrayContent(await File.ReadAllBytesAsync(path.FullName, cancellationToken));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(parseResult.GetValue(contentType)!);
            using var form = new MultipartFormDataContent
            {
                { content, "file", path.Name }, { new StringContent(id), "id" },
                { new StringContent(parseResult.GetValue(collection) ?? "bench-files"), "collection" },
            };
            var started = Stopwatch.StartNew();
            (await http.PostAsync("api/v1/documents", form, cancellationToken)).EnsureSuccessStatusCode();
            Console.WriteLine($"uploaded {path.Name} ({path.Length:N0} bytes) as {id}");
            while (true)
            {
                var document = await client.GetDocumentAsync(id, cancellationToken);
                var status = document.GetProperty("status").GetString();
                if (status is "indexed" or "failed")
                {
                    Console.WriteLine($"{status} after {started.Elapsed:m\\:ss\\.f}: {document.GetProperty("chunkCount").GetInt32():N0} chunks" +
                        (status == "failed" ? $", error: {document.GetProperty("error").GetString()}" : ""));
                    return status == "indexed" ? 0 : 1;
                }
                if (document.TryGetProperty("progress", out var progress) && progress.ValueKind == JsonValueKind.Object)
                {
                    Console.WriteLine($"  {started.Elapsed:m\\:ss}: {status}, step {document.GetProperty("step").GetString()}, {progress}");
                }
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }));
        return command;
    }
}
