using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RagPlatform.Api.OpenApi;

/// <summary>
/// Lists the document's tags in the order a reader needs them, each with a line saying what it holds: the reference
/// opens on the first (documents), not on whichever group the generator happened to meet first.
/// </summary>
public sealed class TagOrderTransformer : IOpenApiDocumentTransformer
{
    private static readonly (string Name, string Description)[] Order =
    [
        ("Documents", "Upload, follow, list, replace, retry and delete documents."),
        ("Search", "Hybrid search and answers with citations."),
        ("Account", "Who the presented credentials are."),
        ("Admin", "Operator endpoints: an admin's credentials and the service token."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var present = document.Tags?.ToDictionary(tag => tag.Name ?? "", StringComparer.Ordinal) ?? [];
        var ordered = new List<OpenApiTag>();
        foreach (var (name, description) in Order)
        {
            if (present.Remove(name, out var tag))
            {
                tag.Description ??= description;
                ordered.Add(tag);
            }
        }
        ordered.AddRange(present.Values.OrderBy(tag => tag.Name, StringComparer.Ordinal));
        document.Tags = new SortedSet<OpenApiTag>(ordered, Comparer<OpenApiTag>.Create((a, b) => ordered.IndexOf(a).CompareTo(ordered.IndexOf(b))));
        return Task.CompletedTask;
    }
}
