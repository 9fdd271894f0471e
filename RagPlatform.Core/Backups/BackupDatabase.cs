namespace RagPlatform.Core.Backups;

/// <summary>
/// The database's connection string with its password, for pg_dump and pg_restore (a data source's own connection
/// string drops the password once opened).
/// </summary>
public sealed record BackupDatabase(string ConnectionString);
