using Microsoft.Extensions.Options;

namespace RagPlatform.Api.RateLimiting;

/// <summary>Fails the start with the configuration key of every bad setting.</summary>
public sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    private static readonly TimeSpan MinWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        const string Section = RateLimitingOptions.SectionName;
        var failures = new List<string>();
        CheckLimit(failures, $"{Section}:PermitLimit", options.PermitLimit);
        CheckWindow(failures, $"{Section}:Window", options.Window);
        if (options.RedisTimeout <= TimeSpan.Zero || options.RedisTimeout > TimeSpan.FromSeconds(5))
        {
            failures.Add($"{Section}:RedisTimeout must be more than 0 and at most 00:00:05 (it is {options.RedisTimeout}).");
        }
        foreach (var (group, limits) in options.Groups)
        {
            if (!RateLimitGroups.All.Contains(group, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{Section}:Groups:{group} is not an endpoint group; the groups are {string.Join(", ", RateLimitGroups.All)}.");
                continue;
            }
            if (limits.PermitLimit is { } limit)
            {
                CheckLimit(failures, $"{Section}:Groups:{group}:PermitLimit", limit);
            }
            if (limits.Window is { } window)
            {
                CheckWindow(failures, $"{Section}:Groups:{group}:Window", window);
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckLimit(List<string> failures, string key, int limit)
    {
        if (limit < 1)
        {
            failures.Add($"{key} must be at least 1 (it is {limit}).");
        }
    }

    private static void CheckWindow(List<string> failures, string key, TimeSpan window)
    {
        if (window < MinWindow || window > MaxWindow)
        {
            failures.Add($"{key} must be between 00:00:01 and 1.00:00:00 (it is {window}).");
        }
    }
}
