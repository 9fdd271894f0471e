using System.Net.Http.Json;
using System.Text.Json;

namespace RagPlatform.Client;

/// <summary>
/// A typed client of the RagPlatform API (<c>/api/v1</c>): documents, search, answers (whole or streamed) and the admin
/// endpoints. Every failure the API answers with is a <see cref="RagPlatformApiException"/> carrying its problem details.
/// Register it with <c>services.AddRagPlatformClient(...)</c>, or give it an <see cref="HttpClient"/> whose base address
/// is the API and whose handlers add the credentials.
/// </summary>
public sealed partial class RagPlatformClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Documents = "api/v1/documents";

    /// <summary>The largest page the API serves.</summary>
    public const int MaxPageSize = 100;

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await http.SendAsync(request, cancellationToken))
        {
            await EnsureSuccessAsync(response, cancellationToken);
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new RagPlatformApiException(response.StatusCode, "Empty response", $"{request.Method} {request.RequestUri} answered without a body.");
        }
    }

    private async Task SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await http.SendAsync(request, cancellationToken))
        {
            await EnsureSuccessAsync(response, cancellationToken);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, cancellationToken);
        }
    }

    private static HttpRequestMessage Request<TBody>(HttpMethod method, string url, TBody body) =>
        new(method, url) { Content = JsonContent.Create(body, options: Json) };

    private static string DocumentUrl(string id) => $"{Documents}/{Uri.EscapeDataString(id)}";

    private static MetadataFilterBody? Filter(SearchScope? scope) =>
        scope?.Metadata is { Count: > 0 } metadata ? new MetadataFilterBody(metadata) : null;
}
