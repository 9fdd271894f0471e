namespace RagPlatform.Core.Extraction;

/// <summary>Maps offsets in an extracted text to the page they came from (see <see cref="ExtractedText.PageStarts"/>).</summary>
public static class PageNumbers
{
    /// <summary>
    /// The 1-based page holding the character at <paramref name="offset"/>: the last page whose start is at or before
    /// it. An empty page shares its start with the next page, so its offsets belong to that next page.
    /// </summary>
    public static int ForOffset(IReadOnlyList<int> pageStarts, int offset)
    {
        ArgumentNullException.ThrowIfNull(pageStarts);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (pageStarts.Count == 0)
        {
            throw new ArgumentException("At least one page start is needed.", nameof(pageStarts));
        }

        // Upper bound: the first index whose start is after the offset.
        int low = 0, high = pageStarts.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (pageStarts[middle] <= offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return Math.Max(low, 1);
    }
}
