using Npgsql;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>
/// A user's write racing another transaction on the same document (the worker finishing it) in the opposite lock order:
/// PostgreSQL breaks the deadlock by aborting one, and when that is the user's, the API runs it again instead of
/// answering 503.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConcurrentWriteTests(ApiFixture fixture)
{
    [Fact]
    public async Task ADeleteCaughtInADeadlockIsRunAgainAndSucceeds()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var id = $"deadlock-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument("The harbour master keeps the tide tables.", Id: id), cancellationToken: cancellationToken);
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        var key = TestCredentials.KeyOf(id);

        // As the worker's completion does: its chunks first, then the document row. The delete takes them the other way round.
        await using var other = new NpgsqlConnection(fixture.ConnectionString);
        await other.OpenAsync(cancellationToken);
        await using var transaction = await other.BeginTransactionAsync(cancellationToken);
        await Execute(other, transaction, "SELECT 1 FROM chunks WHERE document_id = @key FOR UPDATE", key);

        var deadlocksBefore = await DeadlocksAsync(cancellationToken);
        var delete = fixture.Api.DeleteAsync(id, cancellationToken);
        await WaitUntilBlockedByAsync(other.ProcessID, cancellationToken); // the delete holds the document row and waits for the chunks
        // Closes the cycle; PostgreSQL aborts the transaction that waited first (deadlock_timeout), the delete.
        await Execute(other, transaction, "UPDATE documents SET updated_at = now() WHERE id = @key", key);
        await transaction.CommitAsync(cancellationToken);

        var deleted = await delete;
        Assert.Equal(id, deleted.Id);
        await WaitForDeadlockCountAboveAsync(deadlocksBefore, cancellationToken);
        var gone = await Assert.ThrowsAsync<RagPlatformApiException>(() => fixture.Api.GetDocumentAsync(id, cancellationToken));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.Status);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string key)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    // PostgreSQL counts the deadlocks it broke, per database; a backend reports its counts when it goes idle, within seconds.
    private async Task<long> DeadlocksAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>That the delete's success came through a deadlock (so the retry was exercised), not around one.</summary>
    private async Task WaitForDeadlockCountAboveAsync(long before, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await DeadlocksAsync(cancellationToken) <= before)
        {
            Assert.True(DateTime.UtcNow < deadline, "PostgreSQL broke no deadlock: the test did not exercise the retry");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits until a statement of this database waits for a lock that <paramref name="blockerPid"/> holds: the API's delete.</summary>
    private async Task WaitUntilBlockedByAsync(int blockerPid, CancellationToken cancellationToken)
    {
        await using var watcher = new NpgsqlConnection(fixture.ConnectionString);
        await watcher.OpenAsync(cancellationToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND @blocker = ANY (pg_blocking_pids(pid)) AND query LIKE '%DELETE FROM documents%'
                """, watcher);
            command.Parameters.AddWithValue("blocker", blockerPid);
            if ((long)(await command.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "the delete never waited for the locked chunks");
            await Task.Delay(20, cancellationToken);
        }
    }
}
