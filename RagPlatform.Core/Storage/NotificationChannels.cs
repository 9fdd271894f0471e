namespace RagPlatform.Core.Storage;

/// <summary>PostgreSQL LISTEN/NOTIFY channels: wake-ups only, never the data itself (that is in the tables).</summary>
public static class NotificationChannels
{
    /// <summary>A change was appended to index_changes.</summary>
    public const string IndexChanges = "rag_index_changes";

    /// <summary>A durable index projection advanced its checkpoint (index_projections); the payload is its name.</summary>
    public const string IndexProjections = "rag_index_projections";

    /// <summary>An ingestion job became available.</summary>
    public const string IngestionJobs = "rag_ingestion_jobs";
}
