namespace RagPlatform.Bench.Load;

/// <summary>What became of a request, as a capacity test counts it.</summary>
public enum LoadOutcome
{
    /// <summary>Answered (2xx).</summary>
    Served,

    /// <summary>Refused at once for capacity (503 or 429): the server protecting its latency, not failing.</summary>
    Shed,

    /// <summary>Any other status, or no answer (timeout, connection error).</summary>
    Failed,
}

public static class Outcomes
{
    public static LoadOutcome Of(int status) => status switch
    {
        >= 200 and <= 299 => LoadOutcome.Served,
        503 or 429 => LoadOutcome.Shed,
        _ => LoadOutcome.Failed,
    };
}
