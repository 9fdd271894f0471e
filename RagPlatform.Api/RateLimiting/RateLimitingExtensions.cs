using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace RagPlatform.Api.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>One policy per <see cref="RateLimitGroups"/> group, with limits from "RateLimiting", validated at start.</summary>
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>();
        services.AddSingleton<RateLimitMetrics>();
        services.AddSingleton<WindowCounter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitingOptions>, WindowCounter, RateLimitMetrics, TimeProvider>((limiter, settings, counter, metrics, time) =>
            {
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                foreach (var group in RateLimitGroups.All)
                {
                    limiter.AddPolicy(group, new ClientRateLimitPolicy(group, settings.Value.For(group), counter, metrics, time));
                }
            });
        return services;
    }
}
