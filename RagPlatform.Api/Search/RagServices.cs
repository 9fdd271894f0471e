using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using RagPlatform.Api.Answers;
using RagPlatform.Api.Security;

namespace RagPlatform.Api.Search;

/// <summary>What the search and ask handlers use, bound from DI.</summary>
public sealed record RagServices(
    [FromServices] Retriever Retriever, [FromServices] SearchCache Cache, [FromServices] AnswerService Answers, [FromServices] SearchMetrics Metrics, ClaimsPrincipal User)
{
    public string Tenant => User.GetTenant();
}
