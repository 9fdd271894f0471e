using Cronos;

namespace RagPlatform.Core.Backups;

/// <summary>
/// When backups are due: a cron expression read in a time zone by Cronos, which runs a time that a spring-forward
/// skips at the moment the clocks jump, and a time that a fall-back repeats once (its first occurrence).
/// </summary>
public sealed class BackupSchedule
{
    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    public BackupSchedule(string cron, string timeZone)
    {
        try
        {
            _expression = CronExpression.Parse(cron, CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            throw new ArgumentException($"Backup:Schedule '{cron}' is not a five-field cron expression: {ex.Message}", nameof(cron), ex);
        }
        try
        {
            _zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new ArgumentException($"Backup:TimeZone '{timeZone}' is not a known time zone.", nameof(timeZone), ex);
        }
    }

    public static BackupSchedule From(BackupOptions options) => new(options.Schedule, options.TimeZone);

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after) =>
        _expression.GetNextOccurrence(after, _zone, inclusive: false)
        ?? throw new InvalidOperationException("The backup schedule has no future occurrence.");

    /// <summary>The gap between the next two occurrences: "one interval" for catch-up and health.</summary>
    public TimeSpan IntervalAfter(DateTimeOffset now)
    {
        var next = Next(now);
        return Next(next) - next;
    }

    /// <summary>
    /// The occurrence missed since the newest good backup (the machine was off), or null if none was: a run is due at
    /// start when an occurrence after that backup has already passed.
    /// </summary>
    public DateTimeOffset? Missed(DateTimeOffset? newestGood, DateTimeOffset now)
    {
        if (newestGood is null)
        {
            return null;
        }
        var next = Next(newestGood.Value);
        if (next > now)
        {
            return null;
        }
        // Several may have passed: the newest of them is the one to take now.
        for (var after = Next(next); after <= now; after = Next(after))
        {
            next = after;
        }
        return next;
    }
}
