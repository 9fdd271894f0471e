using System.Net;
using RagPlatform.Bench.Load;

namespace RagPlatform.Tests.Bench;

/// <summary>The load bench's open model: requests arrive on schedule however slow the answers, and refusals are counted apart.</summary>
public sealed class OpenModelLoadTests
{
    [Fact]
    public async Task AtAFixedArrivalRateEveryDueRequestIsSentAndServedShedAndFailedAreCountedApart()
    {
        Assert.True(LoadMix.TryParse("search=100", out var mix, out _));
        var plan = new LoadPlan(1, TimeSpan.FromSeconds(1), TimeSpan.Zero, mix, ["tide tables"], null, "uploads", 10, true,
            TimeSpan.FromSeconds(30), ArrivalRate: 40);
        // A server that takes 300 ms for everything and refuses every third request for capacity, one in five fails.
        using var http = new HttpClient(new SlowServer(TimeSpan.FromMilliseconds(300))) { BaseAddress = new Uri("http://load.test/") };
        var runner = new LoadRunner(http, plan, new LoadRequests(plan), TextWriter.Null);

        await runner.RunAsync(CancellationToken.None);

        var search = runner.Stats[LoadOperation.Search];
        // One closed-model user would have sent 4 in this second; the open model sends the 40 that were due.
        Assert.Equal(40, search.Count);
        Assert.Equal(search.Count, search.ByOutcome.Values.Sum(latency => latency.Count));
        Assert.Equal(SlowServer.Expected(40, LoadOutcome.Shed), search.ByOutcome[LoadOutcome.Shed].Count);
        Assert.Equal(SlowServer.Expected(40, LoadOutcome.Failed), search.ByOutcome[LoadOutcome.Failed].Count);
        Assert.True(search.ByOutcome[LoadOutcome.Served].PercentileMs(50) >= 300, "latency counts from when a request was due");
    }

    private sealed class SlowServer(TimeSpan delay) : HttpMessageHandler
    {
        private int _requests;

        public static long Expected(int requests, LoadOutcome outcome) =>
            Enumerable.Range(1, requests).LongCount(n => Outcomes.Of((int)StatusOf(n)) == outcome);

        private static HttpStatusCode StatusOf(int n) => n % 3 == 0 ? HttpStatusCode.ServiceUnavailable
            : n % 5 == 0 ? HttpStatusCode.InternalServerError
            : HttpStatusCode.OK;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var status = StatusOf(Interlocked.Increment(ref _requests));
            await Task.Delay(delay, cancellationToken);
            return new HttpResponseMessage(status) { Content = new StringContent("{}") };
        }
    }
}
