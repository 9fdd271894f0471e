using static System.FormattableString;

namespace RagPlatform.Tests.Chaos;

/// <summary>What one fault did to the steady load: while the dependency was gone, and once it was back and working.</summary>
public sealed record PhaseResult(
    string Name,
    TimeSpan FaultFor,
    Window During,
    Window After,
    TimeSpan? Recovery)
{
    public static PhaseResult From(string name, IReadOnlyCollection<SteadyLoad.Outcome> outcomes,
        TimeSpan faultStart, TimeSpan back, TimeSpan recovered, TimeSpan afterEnd, bool didRecover) => new(
        name,
        back - faultStart,
        Window.Of(outcomes, faultStart, back),
        Window.Of(outcomes, recovered, afterEnd),
        didRecover ? recovered - back : null);

    public static string Header =>
        "| phase | fault s | searches during | search errors during | search p95 ms during | uploads during | upload errors during | searches after | search errors after | search p95 ms after | uploads after | upload errors after | recovery s |\n"
        + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    private static string Detail(Window window) => window.UploadStatuses.Length > 0 ? $" ({window.UploadStatuses})" : "";

    public string Row => Invariant(
        $"| {Name} | {FaultFor.TotalSeconds:0.0} | {During.Searches} | {During.SearchErrorRate:0.0%} | {During.SearchP95Ms:0} | {During.Uploads} | {During.UploadErrors}{Detail(During)} | {After.Searches} | {After.SearchErrorRate:0.0%} | {After.SearchP95Ms:0} | {After.Uploads} | {After.UploadErrors}{Detail(After)} | {(Recovery is { } r ? r.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "not recovered")} |");
}

public sealed record Window(int Searches, int SearchErrors, double SearchP95Ms, int Uploads, int UploadErrors, string UploadStatuses)
{
    public double SearchErrorRate => Searches == 0 ? 0 : (double)SearchErrors / Searches;

    public static Window Of(IEnumerable<SteadyLoad.Outcome> outcomes, TimeSpan from, TimeSpan to)
    {
        var inside = outcomes.Where(o => o.StartedAt >= from && o.StartedAt < to).ToList();
        var searches = inside.Where(o => o.IsSearch).ToList();
        var uploads = inside.Where(o => !o.IsSearch).ToList();
        var failedUploads = uploads.Where(o => !o.Succeeded).GroupBy(o => o.FailedWith!.Value).OrderBy(g => g.Key)
            .Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {g.Count()}");
        var latencies = searches.Select(o => o.Latency.TotalMilliseconds).Order().ToArray();
        var p95 = latencies.Length == 0 ? 0 : latencies[(int)Math.Ceiling(0.95 * latencies.Length) - 1];
        return new Window(searches.Count, searches.Count(o => !o.Succeeded), p95, uploads.Count, uploads.Count(o => !o.Succeeded),
            string.Join(", ", failedUploads));
    }
}
