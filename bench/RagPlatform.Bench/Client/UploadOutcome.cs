namespace RagPlatform.Bench.Client;

public enum UploadOutcome
{
    Accepted,
    /// <summary>409: the id exists, i.e. an earlier run already uploaded it.</summary>
    AlreadyExists,
    Rejected,
}
