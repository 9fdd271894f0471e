using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Polly;
using Polly.Registry;

namespace RagPlatform.Core.Resilience;

public static class ResilienceServiceExtensions
{
    /// <summary>
    /// Registers the named pipelines of <see cref="ResiliencePipelines"/>, each bound from <c>Resilience:&lt;name&gt;</c>
    /// over its defaults and validated at start, the breaker metrics and the health check that turns an open
    /// breaker into Degraded. Safe to call more than once.
    /// </summary>
    public static IHostApplicationBuilder AddRagResilience(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(CircuitBreakerMonitor)))
        {
            return builder;
        }
        services.AddMetrics();
        services.TryAddSingleton<CircuitBreakerMonitor>();
        services.AddResilienceEnricher();
        foreach (var (name, defaults) in ResiliencePipelines.Defaults)
        {
            services.AddOptions<DependencyResilienceOptions>(name)
                .Configure(options => defaults.CopyTo(options))
                .BindConfiguration($"{DependencyResilienceOptions.SectionName}:{name}")
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddResiliencePipeline(name, (pipeline, context) =>
            {
                context.EnableReloads<DependencyResilienceOptions>(name);
                // Breaks, sampling windows, timeouts and retry delays run on the host's clock, so a test can advance a fake one.
                pipeline.TimeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
                ResiliencePipelines.Configure(pipeline, name, context.GetOptions<DependencyResilienceOptions>(name),
                    context.ServiceProvider.GetRequiredService<CircuitBreakerMonitor>());
            });
        }
        services.AddHealthChecks().AddCheck<CircuitBreakerHealthCheck>("circuit-breakers");
        return builder;
    }

    /// <summary>The pipeline named <paramref name="name"/> (one of <see cref="ResiliencePipelines"/>' constants).</summary>
    public static ResiliencePipeline GetRagPipeline(this IServiceProvider services, string name) =>
        services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(name);
}
