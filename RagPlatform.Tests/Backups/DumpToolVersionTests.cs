using RagPlatform.Core.Backups;

namespace RagPlatform.Tests.Backups;

/// <summary>pg_dump reads servers of its own major version and older: a newer server is refused at start, with the reason.</summary>
public sealed class DumpToolVersionTests
{
    private const string Debian15 = "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)";

    [Theory]
    [InlineData(Debian15, 150018)] // the same major, a newer minor than the tool
    [InlineData(Debian15, 159999)] // the last 15
    [InlineData(Debian15, 140011)] // an older server
    [InlineData("pg_dump (PostgreSQL) 9.6.24", 90624)]
    [InlineData("pg_dump (PostgreSQL) 17.2", 160004)]
    public void ADumpToolOfTheServersMajorOrNewerIsAccepted(string tool, int server) =>
        PostgresClientTools.EnsureCanDump(tool, server);

    [Theory]
    [InlineData(Debian15, 160000, "16")] // the first 16
    [InlineData(Debian15, 170002, "17")]
    [InlineData("pg_dump (PostgreSQL) 9.5.25", 90600, "9.6")]
    public void ADumpToolOlderThanTheServerIsRefusedNamingBothVersionsAndTheFix(string tool, int server, string serverMajor)
    {
        var refusal = Assert.Throws<BackupRefusedException>(() => PostgresClientTools.EnsureCanDump(tool, server));

        Assert.Equal("tool_version", refusal.Reason);
        Assert.Contains($"cannot dump PostgreSQL {serverMajor}", refusal.Message);
        Assert.Contains($"postgresql-client-{serverMajor}", refusal.Message);
        Assert.Contains("Backup:PostgresBinDirectory", refusal.Message);
    }

    [Fact]
    public void AVersionThatCannotBeReadIsRefusedRatherThanGuessed()
    {
        var refusal = Assert.Throws<BackupRefusedException>(() => PostgresClientTools.EnsureCanDump("pg_dump: command not understood", 150000));
        Assert.Contains("Cannot read pg_dump's version", refusal.Message);
    }
}
