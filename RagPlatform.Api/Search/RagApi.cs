using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Api.Answers;
using RagPlatform.Api.Security;
using RagPlatform.Api.RateLimiting;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Api.Search;

public static class RagApi
{
    public static RouteGroupBuilder MapRagApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/rag").WithTags("Search").RequireAuthorization(Policies.Read);
        group.RequireRateLimiting(RateLimitGroups.Search);

        group.MapPost("/search", SearchAsync).WithName("Search")
            .WithSummary("Hybrid search (dense + BM25, fused into one ranking) over indexed chunks, filtered by metadata.");
        group.MapPost("/query", QueryAsync).WithName("Ask")
            .WithSummary("Answer a question from the indexed documents, citing the chunks used; streams events when Accept is text/event-stream.");

        return group;
    }

    public static async Task<Results<Ok<SearchResponse>, FileContentHttpResult, ValidationProblem>> SearchAsync(
        SearchBody body, HttpRequest request, [AsParameters] RagServices services, CancellationToken cancellationToken)
    {
        var errors = SearchValidation.Validate("query", body.Query, body.TopK, body.Collection, body.MinScore);
        var filter = MetadataFilterParser.Parse(body.Filter, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var topK = body.TopK ?? SearchValidation.DefaultTopK;
        var minScore = body.MinScore ?? 0;
        var degraded = new Degradations();
        // Cache-Control: no-cache asks for a fresh answer: neither cached results nor a cached query
        // vector are used (or stored), so the full cost of a search can be measured.
        var useCache = request.GetTypedHeaders().CacheControl is not { NoCache: true };
        var cacheKey = useCache ? services.Cache.KeyFor(services.Tenant, body.Query!, topK, body.Collection, filter, minScore) : null;
        if (await services.Cache.GetAsync(cacheKey, degraded) is { } cached)
        {
            return TypedResults.Bytes(cached, "application/json; charset=utf-8");
        }
        var hits = await services.Retriever.RetrieveAsync(
            services.Tenant, body.Query!, topK, body.Collection, filter, minScore, degraded, cancellationToken, useCache);
        var response = new SearchResponse(hits.Select(ToResult).ToArray(), degraded.ToResponse());
        services.Metrics.RecordDegraded(response.Degraded);
        if (degraded.IsEmpty)
        {
            // A degraded answer is not what the next caller should get once everything is back.
            services.Cache.Set(cacheKey, response);
        }
        return TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<QueryResponse>, ServerSentEventsResult<string>, ValidationProblem>> QueryAsync(
        QueryBody body, HttpRequest request, [AsParameters] RagServices services, CancellationToken cancellationToken)
    {
        var errors = SearchValidation.Validate("question", body.Question, body.TopK, body.Collection, body.MinScore);
        var filter = MetadataFilterParser.Parse(body.Filter, errors);
        SearchValidation.ValidateHistory(body.History, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Answers draw on fewer chunks than a search shows: more context dilutes an extractive
        // answer and lengthens a generated one.
        var degraded = new Degradations();
        var hits = await services.Retriever.RetrieveAsync(
            services.Tenant, body.Question!, body.TopK ?? AnswerService.DefaultContextChunks, body.Collection, filter, body.MinScore ?? 0, degraded, cancellationToken);
        var history = body.History ?? [];
        if (AcceptsEventStream(request))
        {
            // The request's abort token reaches the stream's enumerator: a client that goes away stops the chat model.
            return TypedResults.ServerSentEvents(services.Answers.StreamAsync(body.Question!, history, hits, degraded, cancellationToken));
        }
        return TypedResults.Ok(await services.Answers.AnswerAsync(body.Question!, history, hits, degraded, cancellationToken));
    }

    private static bool AcceptsEventStream(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(media => media.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));

    private static SearchResult ToResult(SearchHit hit) =>
        new(hit.DocumentId, hit.ChunkId, hit.Title, hit.Text, hit.Ordinal, hit.Score, DescribeRetrievers(hit.FoundBy),
            hit.StartOffset, hit.EndOffset, hit.HeadingPath, hit.PageNumber, hit.OcrConfidence is not null, hit.OcrConfidence);

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
