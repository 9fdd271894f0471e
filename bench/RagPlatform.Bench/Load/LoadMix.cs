using System.Globalization;

namespace RagPlatform.Bench.Load;

/// <summary>What share of the virtual users' requests each operation gets, e.g. <c>search=80,ask=15,upload=5</c>.</summary>
public sealed class LoadMix
{
    public const string Default = "search=80,ask=15,upload=5";

    private readonly (LoadOperation Operation, int CumulativeWeight)[] _ladder;

    private LoadMix(IReadOnlyDictionary<LoadOperation, int> weights)
    {
        Weights = weights;
        var sum = 0;
        _ladder = weights.Where(w => w.Value > 0).OrderBy(w => w.Key).Select(w => (w.Key, sum += w.Value)).ToArray();
        TotalWeight = sum;
    }

    public IReadOnlyDictionary<LoadOperation, int> Weights { get; }

    public int TotalWeight { get; }

    public IEnumerable<LoadOperation> Operations => _ladder.Select(step => step.Operation);

    /// <summary>Parses <c>name=weight</c> pairs; weights are relative (they need not add up to 100).</summary>
    public static bool TryParse(string text, out LoadMix mix, out string error)
    {
        mix = null!;
        var weights = new Dictionary<LoadOperation, int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !Enum.TryParse<LoadOperation>(pair[0], ignoreCase: true, out var operation)
                || !Enum.IsDefined(operation) || int.TryParse(pair[0], out _))
            {
                error = $"'{part}' is not name=weight with name one of search, ask, upload.";
                return false;
            }
            if (!int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
            {
                error = $"'{part}': the weight must be a whole number, 0 or more.";
                return false;
            }
            if (!weights.TryAdd(operation, weight))
            {
                error = $"'{pair[0]}' is given twice.";
                return false;
            }
        }
        if (weights.Values.Sum() <= 0)
        {
            error = "at least one operation needs a weight above 0.";
            return false;
        }
        mix = new LoadMix(weights);
        error = "";
        return true;
    }

    /// <summary>The operation for a uniform draw in [0, <see cref="TotalWeight"/>).</summary>
    public LoadOperation Pick(int draw)
    {
        foreach (var (operation, cumulative) in _ladder)
        {
            if (draw < cumulative)
            {
                return operation;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(draw), draw, $"must be below {TotalWeight}");
    }

    public override string ToString() => string.Join(',', Weights.Select(w => $"{w.Key.ToString().ToLowerInvariant()}={w.Value}"));
}
