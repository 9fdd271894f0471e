namespace RagPlatform.Bench.Ingestion;

/// <summary>One console line redrawn in place on a terminal; occasional plain lines when redirected,
/// so a log file gets a readable trace instead of thousands of carriage returns.</summary>
public sealed class ProgressLine(TextWriter output, bool interactive)
{
    private static readonly TimeSpan PlainLineInterval = TimeSpan.FromSeconds(5);
    private const int BarWidth = 24;

    private TimeSpan? _lastPlainLine;
    private int _drawnWidth;

    public void Update(int done, int total, string counts, TimeSpan elapsed)
    {
        var text = Render(done, total, counts, elapsed);
        if (interactive)
        {
            output.Write('\r' + text.PadRight(_drawnWidth));
            _drawnWidth = text.Length;
        }
        else if (_lastPlainLine is null || elapsed - _lastPlainLine >= PlainLineInterval)
        {
            output.WriteLine(text);
            _lastPlainLine = elapsed;
        }
        output.Flush();
    }

    public void Complete(int done, int total, string counts, TimeSpan elapsed)
    {
        var text = Render(done, total, counts, elapsed);
        output.WriteLine(interactive ? '\r' + text.PadRight(_drawnWidth) : text);
    }

    private static string Render(int done, int total, string counts, TimeSpan elapsed)
    {
        var filled = total == 0 ? BarWidth : (int)((long)done * BarWidth / total);
        return $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {counts} | {elapsed:hh\\:mm\\:ss}";
    }
}
