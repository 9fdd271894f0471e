namespace RagPlatform.Core.Extraction;

/// <summary>
/// The bytes are of the declared type but cannot be read (corrupt, encrypted, truncated, not UTF-8). Retrying will
/// not help: the pipeline fails the document permanently and shows <see cref="Exception.Message"/> to the user.
/// </summary>
public sealed class DocumentUnreadableException : Exception
{
    public DocumentUnreadableException(string message)
        : base(message)
    {
    }

    public DocumentUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
