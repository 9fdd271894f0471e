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
        if (document.Tags is { } tags)
        {
            foreach (var tag in tags)
            {
                tag.Description ??= Array.Find(Order, known => known.Name == tag.Name).Description;
            }
            // Known tags in their order, any other after them by name.
            document.Tags = new SortedSet<OpenApiTag>(tags, Comparer<OpenApiTag>.Create((a, b) =>
                Rank(a).CompareTo(Rank(b)) is var byRank and not 0 ? byRank : string.CompareOrdinal(a.Name, b.Name)));
        }
        return Task.CompletedTask;
    }

    private static int Rank(OpenApiTag tag) => Array.FindIndex(Order, known => known.Name == tag.Name) is var index and >= 0 ? index : Order.Length;
}
