using Microsoft.Extensions.Options;

namespace RagPlatform.Api.Admission;

public static class AdmissionServiceCollectionExtensions
{
    /// <summary>Load shedding for uncached search work (<see cref="AdaptiveConcurrencyLimiter"/>), configured from <c>Admission</c>.</summary>
    public static IServiceCollection AddAdmission(this IServiceCollection services)
    {
        services.AddOptions<AdmissionOptions>().BindConfiguration(AdmissionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var limiter = new AdaptiveConcurrencyLimiter(
                sp.GetRequiredService<IOptions<AdmissionOptions>>().Value, sp.GetService<TimeProvider>() ?? TimeProvider.System);
            // Its instruments live as long as the limiter they observe.
            _ = new AdmissionMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), limiter);
            return limiter;
        });
        services.AddExceptionHandler<OverloadedExceptionHandler>();
        return services;
    }
}
