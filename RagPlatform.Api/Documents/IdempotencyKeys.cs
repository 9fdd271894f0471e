using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RagPlatform.Api.Documents;

/// <summary>
/// The <c>Idempotency-Key</c> request header: the first request with a key is carried out and its
/// response stored in the same transaction (IngestionQueue.EnqueueAsync); a repeat gets that response back
/// and creates nothing. Reusing a key for a different request is a 422.
/// </summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    public static byte[] HashRequest(string method, string path, UploadInput input)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // "/api/v1/documents" and "/api/v1/documents/" are one route, so one request.
        path = path.TrimEnd('/');
        hash.AppendData(Encoding.UTF8.GetBytes($"{method} {path}\n{input.Id}\n{input.Title}\n{input.Collection}\n{input.ContentType}\n{input.FileName}\n"));
        hash.AppendData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(input.Metadata)));
        hash.AppendData(input.Content);
        return hash.GetHashAndReset();
    }
}
