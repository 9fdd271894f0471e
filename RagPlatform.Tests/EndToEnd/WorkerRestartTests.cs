using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using RagPlatform.AppHost.Restarts;
using RagPlatform.Client;

namespace RagPlatform.Tests.EndToEnd;

/// <summary>
/// Under the AppHost, as a user runs it: workers killed with SIGKILL while documents are queued come back by the
/// AppHost's restart policy, and every document still reaches indexed without anyone restarting anything.
/// </summary>
[Collection(NativeStackCollection.Name)]
public sealed class WorkerRestartTests(NativeStackFixture stack, ITestOutputHelper output)
{
    private const string Worker = "worker";
    private const int Documents = 16;

    [Fact]
    public async Task EveryWorkerKilledWhileDocumentsAreQueuedIsRestartedAndEveryDocumentIsIndexed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var clock = Stopwatch.StartNew();
        var api = new RagPlatformClient(stack.Api);
        var collection = $"restart-{Guid.NewGuid():N}"[..24];
        var before = await RunningWorkersAsync(previous: null, timeout.Token);

        await UploadAsync(api, collection, 0, Documents / 2, timeout.Token);
        // Every replica, so nothing but the restart policy can finish the work: SIGKILL, as the OOM killer or `kill -9` does.
        foreach (var pid in before.Values)
        {
            using var worker = Process.GetProcessById(ProcessTree.Find(pid, "RagPlatform.Worker"));
            worker.Kill();
        }
        await UploadAsync(api, collection, Documents / 2, Documents, timeout.Token);
        Assert.Contains(await ListAsync(api, collection, timeout.Token), d => d.Status != DocumentStatuses.Indexed);

        var after = await RunningWorkersAsync(previous: before, timeout.Token);
        while ((await ListAsync(api, collection, timeout.Token)) is var documents && documents.Any(d => d.Status != DocumentStatuses.Indexed))
        {
            Assert.DoesNotContain(documents, d => d.Status == DocumentStatuses.Failed);
            await Task.Delay(250, timeout.Token);
        }

        // The same replicas came back as new processes, and the dashboard shows each one's restart.
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.Empty(after.Values.Intersect(before.Values));
        foreach (var replica in after.Keys)
        {
            Assert.True(stack.App.ResourceNotifications.TryGetCurrentState(replica, out var state));
            Assert.Contains(state.Snapshot.Properties, p => p.Name == ResourceRestarter.RestartsProperty);
        }
        output.WriteLine($"{Documents} documents indexed through the kill of {before.Count} workers in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task UploadAsync(RagPlatformClient api, string collection, int from, int to, CancellationToken cancellationToken)
    {
        for (var i = from; i < to; i++)
        {
            await api.UploadAsync(new TextDocument(
                $"Restart drill note {i}: the pump at station {i * 3} was serviced and its pressure log archived.",
                Id: $"{collection}-{i:D2}", Collection: collection), cancellationToken: cancellationToken);
        }
    }

    /// <summary>Every document of the collection: one page holds them all.</summary>
    private static async Task<IReadOnlyList<Document>> ListAsync(RagPlatformClient api, string collection, CancellationToken cancellationToken)
    {
        var page = await api.ListDocumentsAsync(pageSize: RagPlatformClient.MaxPageSize, collection: collection, cancellationToken: cancellationToken);
        Assert.Equal(page.Total, page.Items.Count);
        return page.Items;
    }

    /// <summary>
    /// Each worker replica's resource id and process id, once every replica runs a process other than
    /// <paramref name="previous"/>'s.
    /// </summary>
    private async Task<Dictionary<string, int>> RunningWorkersAsync(Dictionary<string, int>? previous, CancellationToken cancellationToken)
    {
        var replicas = new Dictionary<string, int>();
        var expected = previous?.Count ?? 2;
        await foreach (var change in stack.App.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (change.Resource.Name != Worker)
            {
                continue;
            }

            var pid = change.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString();
            if (change.Snapshot.State?.Text == KnownResourceStates.Running && pid is not null
                && int.Parse(pid, CultureInfo.InvariantCulture) is var id && previous?.ContainsValue(id) != true)
            {
                replicas[change.ResourceId] = id;
            }
            else
            {
                replicas.Remove(change.ResourceId);
            }

            if (replicas.Count == expected)
            {
                return replicas;
            }
        }

        throw new OperationCanceledException();
    }
}
