namespace RagPlatform.AppHost.Infrastructure;

/// <summary>
/// Image tags the AppHost pins instead of taking the Aspire packages' defaults, which move with every Aspire update
/// (Aspire 13.6 would run PostgreSQL 18, which Debian 12's pg_dump 15 refuses to dump).
/// </summary>
public static class PinnedImages
{
    /// <summary>PostgreSQL 15: the backups' pg_dump (Debian 12's postgresql-client-15) dumps servers of its own major or older.</summary>
    public const string PostgresTag = "15.18";

    public const string RedisTag = "7.4.5";
}
