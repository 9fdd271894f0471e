using System.Diagnostics.Metrics;

namespace RagPlatform.Api.Admission;

/// <summary>
/// Load shedding on the "RagPlatform.Search" meter: requests refused by reason (<c>rag_requests_shed_total</c>), and
/// the adaptive limit, the requests running under it and those queued for it, so a dashboard shows how close to
/// capacity the instance runs.
/// </summary>
public sealed class AdmissionMetrics
{
    public AdmissionMetrics(IMeterFactory meters, AdaptiveConcurrencyLimiter limiter)
    {
        var meter = meters.Create(Search.SearchMetrics.MeterName);
        var shed = meter.CreateCounter<long>("rag.requests.shed", description: "Searches and asks refused with 503 because the instance is past its capacity, by reason");
        foreach (var reason in new[] { AdmissionReasons.QueueFull, AdmissionReasons.WaitedTooLong })
        {
            shed.Add(0, new KeyValuePair<string, object?>("reason", reason));
        }

        limiter.Shed += reason => shed.Add(1, new KeyValuePair<string, object?>("reason", reason));
        meter.CreateObservableGauge("rag.admission.limit", () => limiter.Limit, description: "How many uncached searches may run at once (adapts to measured latency and CPU)");
        meter.CreateObservableGauge("rag.admission.in_flight", () => limiter.InFlight, description: "Uncached searches running now");
        meter.CreateObservableGauge("rag.admission.queued", () => limiter.Queued, description: "Uncached searches waiting for their turn");
    }
}
