namespace RagPlatform.AppHost.Restarts;

/// <summary>What to do about one process's state change, as <see cref="RestartTracker"/> decides it.</summary>
public abstract record RestartDecision
{
    public sealed record None : RestartDecision;

    /// <summary>Start the process again after <paramref name="Delay"/>; this is restart <paramref name="Number"/> in a row.</summary>
    public sealed record Restart(int Number, TimeSpan Delay) : RestartDecision;

    /// <summary>The process exited again but has used up its restarts: it stays down, and says so.</summary>
    public sealed record GiveUp(int Restarts) : RestartDecision;
}

/// <summary>
/// Follows the states of one resource's processes (each replica by its own id) and decides when one that exited
/// on its own is restarted. A process is restarted only when it exits from Running (or while starting) without
/// having been asked to stop (no Stopping state first, as the dashboard's Stop and the AppHost's shutdown give) and
/// with an exit code other than 0 (a clean exit is the process's own decision). Times come from the caller's clock.
/// </summary>
public sealed class RestartTracker(RestartPolicyAnnotation policy)
{
    private static readonly HashSet<string> Exits = [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart];
    private readonly Dictionary<string, Process> _processes = [];

    public RestartDecision OnState(string resourceId, string? state, int? exitCode, DateTimeOffset now)
    {
        lock (_processes)
        {
            if (!_processes.TryGetValue(resourceId, out var process))
            {
                _processes[resourceId] = process = new Process();
            }

            var previous = process.State;
            process.State = state;
            if (state == KnownResourceStates.Running && previous != KnownResourceStates.Running)
            {
                process.RunningSince = now;
                process.RestartPending = false;
            }

            var wasAlive = previous is not null && (previous == KnownResourceStates.Running || previous == KnownResourceStates.Starting
                || previous == KnownResourceStates.RuntimeUnhealthy);
            if (state is null || !Exits.Contains(state) || !wasAlive || exitCode == 0 || process.RestartPending)
            {
                return new RestartDecision.None();
            }

            if (process.RunningSince is { } since && now - since >= policy.ResetAfter)
            {
                process.Restarts = 0;
            }
            process.RunningSince = null;
            if (process.Restarts >= policy.MaxRestarts)
            {
                return new RestartDecision.GiveUp(process.Restarts);
            }

            process.Restarts++;
            process.RestartPending = true;
            return new RestartDecision.Restart(process.Restarts, policy.DelayBefore(process.Restarts));
        }
    }

    private sealed class Process
    {
        public string? State { get; set; }

        public DateTimeOffset? RunningSince { get; set; }

        public int Restarts { get; set; }

        public bool RestartPending { get; set; }
    }
}
