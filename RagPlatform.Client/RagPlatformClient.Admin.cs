namespace RagPlatform.Client;

// The admin endpoints need an admin's credentials and the deployment's service token (RagPlatformClientOptions.ServiceToken).
public sealed partial class RagPlatformClient
{
    private const string Admin = "api/v1/admin";

    /// <summary>Creates an API key in the caller's tenant with <paramref name="roles"/> (see <see cref="RagRoles"/>); its secret is in this answer only.</summary>
    public Task<CreatedApiKey> CreateApiKeyAsync(string name, IReadOnlyList<string> roles, CancellationToken cancellationToken = default) =>
        SendAsync<CreatedApiKey>(Request(HttpMethod.Post, $"{Admin}/api-keys", new CreateApiKeyBody(name, roles)), cancellationToken);

    /// <summary>The tenant's API keys, revoked ones included, without secrets.</summary>
    public Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ApiKeyInfo>>(new HttpRequestMessage(HttpMethod.Get, $"{Admin}/api-keys"), cancellationToken);

    /// <summary>Revokes an API key (honoured within the API's key cache duration).</summary>
    public Task RevokeApiKeyAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Admin}/api-keys/{id}"), cancellationToken);

    /// <summary>Compares PostgreSQL with the search index and repairs the drift; says what it fixed.</summary>
    public Task<ReconcileReport> ReconcileAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ReconcileReport>(new HttpRequestMessage(HttpMethod.Post, $"{Admin}/reconcile"), cancellationToken);

    /// <summary>Starts a backup now; a backup already running is a 409.</summary>
    public Task<BackupSummary> StartBackupAsync(CancellationToken cancellationToken = default) =>
        SendAsync<BackupSummary>(new HttpRequestMessage(HttpMethod.Post, $"{Admin}/backups"), cancellationToken);

    /// <summary>Every backup set, newest first.</summary>
    public Task<IReadOnlyList<BackupSummary>> ListBackupsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<BackupSummary>>(new HttpRequestMessage(HttpMethod.Get, $"{Admin}/backups"), cancellationToken);

    /// <summary>One backup set's status and files.</summary>
    public Task<BackupSummary> GetBackupAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<BackupSummary>(new HttpRequestMessage(HttpMethod.Get, $"{Admin}/backups/{Uri.EscapeDataString(id)}"), cancellationToken);
}
