using System.Diagnostics;
using static System.FormattableString;

namespace RagPlatform.Bench.Load;

/// <summary>
/// A closed model: each virtual user sends one request, waits for the whole response, and sends
/// the next, until the duration is over. Users start spread over the ramp-up.
/// Or an open model (<see cref="LoadPlan.ArrivalRate"/>): requests arrive on a fixed schedule whether or not earlier
/// ones were answered, and each one's latency counts from when it was due, so a server that falls behind shows its
/// queue in the figures instead of slowing the generator down (coordinated omission).
/// </summary>
public sealed class LoadRunner(HttpClient http, LoadPlan plan, LoadRequests requests, TextWriter progress)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    public Dictionary<LoadOperation, OperationStats> Stats { get; } =
        Enum.GetValues<LoadOperation>().ToDictionary(operation => operation, _ => new OperationStats());

    public async Task<TimeSpan> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var users = plan.OpenModel
            ? [Task.Run(() => ArrivalsAsync(clock, cancellationToken), cancellationToken)]
            : Enumerable.Range(0, plan.VirtualUsers).Select(user => Task.Run(() => UserAsync(user, clock, cancellationToken), cancellationToken)).ToArray();
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = ReportProgressAsync(clock, reporting.Token);
        await Task.WhenAll(users);
        var elapsed = clock.Elapsed;
        await reporting.CancelAsync();
        await reporter;
        return elapsed;
    }

    private async Task UserAsync(int user, Stopwatch clock, CancellationToken cancellationToken)
    {
        var startAt = plan.VirtualUsers <= 1 ? TimeSpan.Zero : plan.RampUp * user / plan.VirtualUsers;
        if (startAt > clock.Elapsed)
        {
            await Task.Delay(startAt - clock.Elapsed, cancellationToken);
        }
        var random = new Random(HashCode.Combine(user, Environment.TickCount));
        long sequence = 0;
        while (clock.Elapsed < plan.Duration && !cancellationToken.IsCancellationRequested)
        {
            await SendAsync(user, sequence++, random, Stopwatch.GetTimestamp(), cancellationToken);
        }
    }

    /// <summary>The open model: request n is due at n / rate seconds; one late in being sent still counts from then.</summary>
    private async Task ArrivalsAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1 / plan.ArrivalRate!.Value);
        var origin = Stopwatch.GetTimestamp() - clock.Elapsed.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        var random = new Random(Environment.TickCount);
        var inFlight = new List<Task>();
        for (long n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            var due = interval * n;
            if (due >= plan.Duration)
            {
                break;
            }

            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var dueTimestamp = origin + (long)(due.TotalSeconds * Stopwatch.Frequency);
            inFlight.Add(SendAsync((int)(n % 1000), n, new Random(random.Next()), dueTimestamp, cancellationToken));
            if (inFlight.Count > 4096)
            {
                inFlight.RemoveAll(static t => t.IsCompleted);
            }
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(int user, long sequence, Random random, long startedAt, CancellationToken cancellationToken)
    {
        var operation = plan.Mix.Pick(random.Next(plan.Mix.TotalWeight));
        var stats = Stats[operation];
        using var request = requests.Create(operation, user, sequence, random);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            // The latency a client sees includes reading the body.
            await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            stats.RecordStatus((int)response.StatusCode, Stopwatch.GetElapsedTime(startedAt));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            stats.RecordException(Describe(ex), Stopwatch.GetElapsedTime(startedAt));
        }
    }

    /// <summary>A transport failure's kind: the client's timeout, or the exception type with its HTTP error code.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => "Timeout", // HttpClient.Timeout; the run's own cancellation never gets here
        HttpRequestException { HttpRequestError: var error } => $"HttpRequestException({error})",
        _ => ex.GetType().Name,
    };

    private async Task ReportProgressAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        long lastCount = 0;
        var lastTime = TimeSpan.Zero;
        using var timer = new PeriodicTimer(ProgressEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var count = Stats.Values.Sum(s => s.Count);
                var errors = Stats.Values.Sum(s => s.Errors);
                var now = clock.Elapsed;
                progress.WriteLine(Invariant(
                    $"{now.TotalSeconds,6:0}s  {count,9} requests  {(count - lastCount) / (now - lastTime).TotalSeconds,9:0.0} req/s  {errors} errors"));
                (lastCount, lastTime) = (count, now);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
