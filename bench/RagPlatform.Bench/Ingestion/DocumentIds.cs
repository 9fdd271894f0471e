using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace RagPlatform.Bench.Ingestion;

/// <summary>Platform ids for BEIR documents: <c>{collection}-{_id}</c>, made to fit the API's id rules.</summary>
public static class DocumentIds
{
    public const int MaxIdLength = 128;
    public const int MaxCollectionLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public static string For(string collection, string corpusId) => Sanitize($"{collection}-{corpusId}", MaxIdLength);

    public static string Collection(string name) => Sanitize(name, MaxCollectionLength);

    /// <summary>The value itself when it is valid; otherwise a safe form plus a hash of the original,
    /// so that two ids that differ only in replaced characters stay distinct.</summary>
    public static string Sanitize(string value, int maxLength)
    {
        if (value.Length is > 0 && value.Length <= maxLength && !value.AsSpan().ContainsAnyExcept(Allowed))
        {
            return value;
        }
        var safe = string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Allowed.Contains(source[i]) ? source[i] : '_';
            }
        });
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0, 4);
        var keep = Math.Min(safe.Length, maxLength - hash.Length - 1);
        return $"{safe[..keep]}.{hash}";
    }
}
