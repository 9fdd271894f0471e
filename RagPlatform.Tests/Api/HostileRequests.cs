using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace RagPlatform.Tests.Api;

/// <summary>
/// One malformed or hostile request: what is sent, the 4xx it must get, and a fragment of the
/// problem body that shows the answer names what was wrong.
/// </summary>
public sealed record HostileRequest(HttpMethod Method, string Path, HttpStatusCode Status, string Names, Func<HttpContent>? Body = null)
{
    public string? Accept { get; init; }

    public string? IdempotencyKey { get; init; }

    public const string Target = "hostile-target";
    private const string Boundary = "hostile-boundary";

    public static HostileRequest Post(string path, HttpStatusCode status, string names, Func<HttpContent> body) => new(HttpMethod.Post, path, status, names, body);

    public static HostileRequest Put(string path, HttpStatusCode status, string names, Func<HttpContent> body) => new(HttpMethod.Put, path, status, names, body);

    public static HostileRequest Get(string path, HttpStatusCode status, string names) => new(HttpMethod.Get, path, status, names);

    public static HostileRequest Delete(string path, HttpStatusCode status, string names) => new(HttpMethod.Delete, path, status, names);

    public static Func<HttpContent> Json(string json) => () => new StringContent(json, Encoding.UTF8, "application/json");

    /// <summary>Bytes with exactly the Content-Type given (none when null), unchecked by HttpClient.</summary>
    public static Func<HttpContent> Raw(byte[] body, string? contentType) => () =>
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        return content;
    };

    public static Func<HttpContent> Raw(string body, string? contentType) => Raw(Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>JSON whose string value holds bytes that are not UTF-8 (0xFF 0xFE).</summary>
    public static Func<HttpContent> InvalidUtf8Json(string before, string after) =>
        Raw([.. Encoding.UTF8.GetBytes(before), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(after)], "application/json");

    /// <summary>A multipart/form-data body written by hand, so names and framing can be anything.</summary>
    public static Func<HttpContent> Multipart(params string[] parts) =>
        Raw(string.Concat(parts.Select(part => $"--{Boundary}\r\n{part}\r\n")) + $"--{Boundary}--\r\n", $"multipart/form-data; boundary={Boundary}");

    public static string Field(string name, string value) => $"Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}";

    public static string File(string fileName, string contentType, string content) =>
        $"Content-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: {contentType}\r\n\r\n{content}";

    public static string Deep(int depth, string inner) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + inner + new string('}', depth);

    public static string Repeat(char c, int count) => new(c, count);

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path) { Content = Body?.Invoke() };
        if (Accept is not null)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(Accept));
        }
        if (IdempotencyKey is not null)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKey);
        }
        return message;
    }
}
