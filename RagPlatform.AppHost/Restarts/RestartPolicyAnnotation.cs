namespace RagPlatform.AppHost.Restarts;

/// <summary>
/// Restart a process of this resource that exits on its own (a crash, a SIGKILL, the OOM killer): after
/// <see cref="InitialDelay"/>, doubling up to <see cref="MaxDelay"/> per consecutive restart, at most
/// <see cref="MaxRestarts"/> times in a row. A process that then stays up for <see cref="ResetAfter"/> starts the count again.
/// </summary>
public sealed record RestartPolicyAnnotation(int MaxRestarts, TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan ResetAfter) : IResourceAnnotation
{
    public static RestartPolicyAnnotation Default { get; } = new(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));

    /// <summary>The wait before restart number <paramref name="restart"/> (1 for the first).</summary>
    public TimeSpan DelayBefore(int restart) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, InitialDelay.Ticks * (1L << Math.Clamp(restart - 1, 0, 30))));
}
