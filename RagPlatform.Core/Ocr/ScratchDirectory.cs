namespace RagPlatform.Core.Ocr;

/// <summary>A private temporary directory for one document's OCR files, deleted with everything in it on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("rag-ocr-").FullName;

    public async Task<string> WriteAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var file = System.IO.Path.Combine(Path, name);
        await File.WriteAllBytesAsync(file, content, cancellationToken);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a killed tool: the system's temporary directory clean-up takes it later.
        }
    }
}
