namespace RagPlatform.Core.Documents;

/// <summary>Time left of a step that advances in units (chunks embedded, pages recognised), at the current attempt's pace.</summary>
internal static class Pace
{
    /// <summary>
    /// <paramref name="doneThisAttempt"/> units took this attempt from <paramref name="startedAt"/> to <paramref name="updatedAt"/>;
    /// the rest of <paramref name="total"/> at that pace, counted from <paramref name="updatedAt"/> forward. Null before the
    /// attempt has done a unit; zero when all are done or the estimate is overdue.
    /// </summary>
    public static TimeSpan? TimeLeft(int total, int done, int doneThisAttempt, DateTimeOffset startedAt, DateTimeOffset updatedAt, DateTimeOffset now)
    {
        var elapsed = updatedAt - startedAt;
        if (done >= total)
        {
            return TimeSpan.Zero;
        }
        if (doneThisAttempt <= 0 || elapsed <= TimeSpan.Zero)
        {
            return null;
        }
        var left = elapsed / doneThisAttempt * (total - done) - (now - updatedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
