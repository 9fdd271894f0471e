using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// A remote embedding provider for tests: Ollama's <c>POST /api/embed</c> on a loopback port, answered
/// by a real in-process model, so separate processes (a worker started as an OS process) embed over
/// the network exactly as against Ollama, through production code only. While <see cref="Failing"/>
/// it behaves like a provider in trouble: alternately a quick 503 and a request held for
/// <see cref="StallFor"/> that then ends in 504, as a gateway timing out would.
/// </summary>
public sealed class OllamaEmbeddingServer : IAsyncDisposable
{
    public const string Model = "all-minilm";

    private readonly WebApplication _app;
    private long _faulted;
    private long _served;
    private volatile bool _failing;

    private OllamaEmbeddingServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public TimeSpan StallFor { get; init; } = TimeSpan.FromSeconds(2);

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public long Served => Interlocked.Read(ref _served);

    public long Faulted => Interlocked.Read(ref _faulted);

    public static async Task<OllamaEmbeddingServer> StartAsync(IEmbeddingGenerator<string, Embedding<float>> model)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new OllamaEmbeddingServer(app);
        app.MapPost("/api/embed", (Delegate)((HttpContext context) => server.EmbedAsync(context, model)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Endpoint = new Uri(address + "/");
        return server;
    }

    private async Task<IResult> EmbedAsync(HttpContext context, IEmbeddingGenerator<string, Embedding<float>> model)
    {
        if (_failing)
        {
            if (Interlocked.Increment(ref _faulted) % 2 == 0)
            {
                await Task.Delay(StallFor, context.RequestAborted);
                return Results.Json(new { error = "injected fault: upstream timed out" }, statusCode: StatusCodes.Status504GatewayTimeout);
            }
            return Results.Json(new { error = "injected fault: model unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var input = body.RootElement.GetProperty("input");
        var texts = input.ValueKind == JsonValueKind.Array
            ? input.EnumerateArray().Select(t => t.GetString() ?? "").ToArray()
            : [input.GetString() ?? ""];
        var embeddings = await model.GenerateAsync(texts, cancellationToken: context.RequestAborted);
        Interlocked.Increment(ref _served);
        return Results.Json(new
        {
            model = Model,
            embeddings = embeddings.Select(e => e.Vector.ToArray()).ToArray(),
            prompt_eval_count = texts.Length,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
