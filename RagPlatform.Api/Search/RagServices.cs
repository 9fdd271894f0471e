using Microsoft.AspNetCore.Mvc;
using RagPlatform.Api.Answers;

namespace RagPlatform.Api.Search;

/// <summary>What the search and ask handlers use, bound from DI.</summary>
public sealed record RagServices([FromServices] Retriever Retriever, [FromServices] SearchCache Cache, [FromServices] AnswerService Answers);
