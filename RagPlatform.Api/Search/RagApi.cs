using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Api.Answers;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Api.Search;

public static class RagApi
{
    public static RouteGroupBuilder MapRagApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/rag").WithTags("Search");

        group.MapPost("/search", SearchAsync).WithName("Search")
            .WithSummary("Hybrid search (dense + BM25, fused by reciprocal rank) over indexed chunks.");
        group.MapPost("/query", QueryAsync).WithName("Ask")
            .WithSummary("Answer a question from the indexed documents, citing the chunks used.");

        return group;
    }

    public static async Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchAsync(
        SearchBody body, Retriever retriever, SearchCache cache, CancellationToken cancellationToken)
    {
        var errors = SearchValidation.Validate("query", body.Query, body.TopK, body.Collection);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var topK = body.TopK ?? SearchValidation.DefaultTopK;
        var cacheKey = cache.KeyFor(body, topK);
        if (await cache.GetAsync(cacheKey) is { } cached)
        {
            return TypedResults.Ok(cached);
        }
        var hits = await retriever.RetrieveAsync(body.Query!, topK, body.Collection, cancellationToken);
        var response = new SearchResponse(hits.Select(ToResult).ToArray());
        cache.Set(cacheKey, response);
        return TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<QueryResponse>, ValidationProblem>> QueryAsync(
        QueryBody body, Retriever retriever, AnswerService answers, CancellationToken cancellationToken)
    {
        var errors = SearchValidation.Validate("question", body.Question, body.TopK, body.Collection);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Answers draw on fewer chunks than a search shows: more context dilutes an extractive
        // answer and lengthens a generated one.
        var hits = await retriever.RetrieveAsync(body.Question!, body.TopK ?? AnswerService.DefaultContextChunks, body.Collection, cancellationToken);
        return TypedResults.Ok(await answers.AnswerAsync(body.Question!, hits, cancellationToken));
    }

    private static SearchResult ToResult(SearchHit hit) =>
        new(hit.DocumentId, hit.ChunkId, hit.Title, hit.Text, hit.Ordinal, hit.Score, DescribeRetrievers(hit.FoundBy));

    private static readonly string[] Dense = ["dense"];
    private static readonly string[] Keyword = ["keyword"];
    private static readonly string[] Both = ["dense", "keyword"];

    private static IReadOnlyList<string> DescribeRetrievers(Retrievers retrievers) => retrievers switch
    {
        Retrievers.Dense => Dense,
        Retrievers.Keyword => Keyword,
        Retrievers.Dense | Retrievers.Keyword => Both,
        _ => [],
    };
}
