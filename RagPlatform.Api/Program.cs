using RagPlatform.Api;
using RagPlatform.Api.Admin;
using RagPlatform.Api.Documents;
using RagPlatform.Api.OpenApi;
using RagPlatform.Api.Protection;
using RagPlatform.Api.Search;
using RagPlatform.Api.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddRequestProtection();
builder.AddRagOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestProtection();
// Authentication before the rate limiter: its partitions are the authenticated clients (an anonymous
// flood is still counted, per IP, before authorization refuses it).
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapRagOpenApi(); // the document; in Development also the interactive reference at /scalar
app.MapDocumentsApi();
app.MapRagApi();
app.MapAdminApi();
app.MapCallerApi();

app.Run();

/// <summary>Marks the API assembly for WebApplicationFactory in tests (Program alone is ambiguous beside the AppHost).</summary>
public sealed class ApiMarker;
