using Npgsql;

namespace RagPlatform.Core.Documents;

/// <summary>
/// A write to document <paramref name="DocumentKey"/> that its job follows, made by <see cref="DocumentStore"/> and run by
/// the ingestion queue inside the transaction that queues (or completes) the job, so the two commit together or not
/// at all. <paramref name="Apply"/> answers null when it wrote, else why it did not.
/// </summary>
public sealed record DocumentWrite(string DocumentKey, Func<NpgsqlTransaction, CancellationToken, Task<DocumentRefusal?>> Apply);
