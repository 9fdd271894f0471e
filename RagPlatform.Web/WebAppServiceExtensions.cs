using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Http.Resilience;
using RagPlatform.Client;
using RagPlatform.Web.Account;

namespace RagPlatform.Web;

public static class WebAppServiceExtensions
{
    /// <summary>
    /// Blazor with interactive server rendering, sign-in (cookie; OpenID Connect when Web:Oidc is configured), and the API's
    /// typed client found through service discovery, with ServiceDefaults' standard resilience handler, signed as the user.
    /// </summary>
    public static IHostApplicationBuilder AddWebAppServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.AddWebAuthentication();

        builder.Services.AddSingleton<CircuitServicesAccessor>();
        builder.Services.AddScoped<CircuitHandler, ServicesAccessorCircuitHandler>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<UserCredentialsHandler>();

        var apiAddress = builder.Configuration["Web:ApiAddress"] ?? "https+http://api";
        builder.Services.AddRagPlatformClient(options => options.BaseAddress = new Uri(apiAddress))
            .AddHttpMessageHandler<UserCredentialsHandler>();
        // The standard handler's 10 s attempt would cut off an answer whose chat model takes longer to start (the API
        // allows it a minute, Resilience:chat): give an attempt longer than that. The breaker's window must be twice it.
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(resilience =>
        {
            resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(90);
            resilience.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(3);
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(3);
        });
        builder.Services.AddScoped<ApiKeySignIn>();
        return builder;
    }
}
