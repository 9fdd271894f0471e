using System.Collections.Concurrent;
using System.Diagnostics;
using RagPlatform.Client;

namespace RagPlatform.Tests.Chaos;

/// <summary>
/// A light, steady load while faults come and go: a few searchers in a loop (one of them uncached)
/// and one uploader of small documents, each outcome stamped with the time its request started.
/// </summary>
public sealed class SteadyLoad : IAsyncDisposable
{
    public const string Collection = "chaos";

    private static readonly string[] Queries =
    [
        "which station logged the river reading", "sensor readings near the delta", "calibration of the tide gauge",
        "who maintains the weather station", "flood warning thresholds", "river delta water level",
    ];

    private readonly RagPlatformClient _client;
    private readonly Stopwatch _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private int _uploads;

    private SteadyLoad(RagPlatformClient client, Stopwatch clock)
    {
        _client = client;
        _clock = clock;
    }

    /// <param name="FailedWith">Null when the API accepted (a 2xx); else the status it refused with, or 0 when it did not answer.</param>
    public sealed record Outcome(TimeSpan StartedAt, bool IsSearch, int? FailedWith, TimeSpan Latency)
    {
        public bool Succeeded => FailedWith is null;
    }

    public ConcurrentQueue<Outcome> Outcomes { get; } = new();

    /// <summary>Ids the API accepted with 202: each must end up indexed exactly once.</summary>
    public ConcurrentQueue<string> Accepted { get; } = new();

    /// <summary>Ids whose upload got anything else (5xx, no answer): not promised, so not checked.</summary>
    public ConcurrentQueue<string> Rejected { get; } = new();

    public static SteadyLoad Start(RagPlatformClient client, Stopwatch clock, int searchers)
    {
        var load = new SteadyLoad(client, clock);
        for (var i = 0; i < searchers; i++)
        {
            var searcher = i;
            load._loops.Add(Task.Run(() => load.SearchLoopAsync(searcher)));
        }
        load._loops.Add(Task.Run(load.UploadLoopAsync));
        return load;
    }

    /// <summary>Uploads one document as the uploader does and says whether it was accepted; used by recovery probes.</summary>
    public async Task<string?> UploadOneAsync(CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref _uploads);
        var id = $"chaos-{n:D5}";
        var started = _clock.Elapsed;
        var failedWith = await FailureOfAsync(() => _client.UploadAsync(new TextDocument(
            $"Station log {n}. The {MarkerOf(id)} sensor reading was logged near the river delta at hour {n % 24}.",
            Id: id, Title: $"Station log {n}", Collection: Collection), cancellationToken: cancellationToken));
        Outcomes.Enqueue(new Outcome(started, IsSearch: false, failedWith, _clock.Elapsed - started));
        (failedWith is null ? Accepted : Rejected).Enqueue(id);
        return failedWith is null ? id : null;
    }

    /// <summary>A word only this document contains, so a keyword search finds it and nothing else first.</summary>
    public static string MarkerOf(string id) => "marker" + id.Replace("-", "", StringComparison.Ordinal);

    /// <summary>One search; <paramref name="uncached"/> sends Cache-Control: no-cache, so the query is embedded whatever Redis holds.</summary>
    public async Task<bool> SearchOnceAsync(string query, bool uncached, CancellationToken cancellationToken = default)
    {
        var started = _clock.Elapsed;
        var failedWith = await FailureOfAsync(() => _client.SearchAsync(new SearchRequest(query, 5), uncached, cancellationToken));
        Outcomes.Enqueue(new Outcome(started, IsSearch: true, failedWith, _clock.Elapsed - started));
        return failedWith is null;
    }

    /// <summary>Null when <paramref name="request"/> succeeds; the status the API refused it with; 0 when no answer came.</summary>
    private static async Task<int?> FailureOfAsync(Func<Task> request)
    {
        try
        {
            await request();
            return null;
        }
        catch (RagPlatformApiException refused)
        {
            return (int)refused.Status;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return 0;
        }
    }

    private async Task SearchLoopAsync(int searcher)
    {
        var random = new Random(searcher);
        while (!_stop.IsCancellationRequested)
        {
            // The first searcher skips the caches, so the embedding provider is on its path too.
            await SearchOnceAsync(Queries[random.Next(Queries.Length)], uncached: searcher == 0);
            await Pause(TimeSpan.FromMilliseconds(40));
        }
    }

    private async Task UploadLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await UploadOneAsync();
            await Pause(TimeSpan.FromMilliseconds(250));
        }
    }

    private Task Pause(TimeSpan delay) => Task.Delay(delay, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
