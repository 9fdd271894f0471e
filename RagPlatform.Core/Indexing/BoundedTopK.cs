namespace RagPlatform.Core.Indexing;

/// <summary>
/// Keeps the best k (slot, score) pairs of a stream in caller-provided buffers: a min-heap whose root is
/// the weakest pair kept, so a scan of n rows costs O(n log k) and nothing proportional to n.
/// Equal scores prefer the lower slot, so results do not depend on heap internals.
/// </summary>
internal ref struct BoundedTopK(Span<int> slots, Span<float> scores, int count = 0)
{
    private readonly Span<int> _slots = slots;
    private readonly Span<float> _scores = scores;
    private int _count = count;

    /// <summary>How many pairs are kept: give it back to the constructor to go on with the same buffers later.</summary>
    public readonly int Count => _count;

    public void Offer(int slot, float score)
    {
        if (_count < _slots.Length)
        {
            _slots[_count] = slot;
            _scores[_count] = score;
            SiftUp(_count++);
        }
        else if (_count > 0 && IsBetter(score, slot, _scores[0], _slots[0]))
        {
            _slots[0] = slot;
            _scores[0] = score;
            SiftDown(0, _count);
        }
    }

    /// <summary>Orders the kept pairs best first in the buffers (a heap sort) and returns how many there are.</summary>
    public int SortBestFirst()
    {
        for (var end = _count - 1; end > 0; end--)
        {
            Swap(0, end);
            SiftDown(0, end);
        }

        return _count;
    }

    private static bool IsBetter(float score, int slot, float otherScore, int otherSlot)
        => score > otherScore || (score == otherScore && slot < otherSlot);

    private bool IsWorse(int i, int j) => IsBetter(_scores[j], _slots[j], _scores[i], _slots[i]);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!IsWorse(i, parent))
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i, int count)
    {
        while (true)
        {
            var worst = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < count && IsWorse(left, worst))
            {
                worst = left;
            }

            if (right < count && IsWorse(right, worst))
            {
                worst = right;
            }

            if (worst == i)
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private readonly void Swap(int i, int j)
    {
        (_slots[i], _slots[j]) = (_slots[j], _slots[i]);
        (_scores[i], _scores[j]) = (_scores[j], _scores[i]);
    }
}
