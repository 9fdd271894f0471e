using System.Globalization;

namespace RagPlatform.Tests.EndToEnd;

/// <summary>Linux processes by parent, read from /proc.</summary>
internal static class ProcessTree
{
    /// <summary>
    /// The process that runs <paramref name="executable"/> at or under <paramref name="pid"/>. The orchestrator starts a
    /// project as <c>dotnet run</c>, whose child is the service itself: killing the child is what a crash looks like.
    /// </summary>
    public static int Find(int pid, string executable)
    {
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var current))
        {
            if (CommandOf(current) is { } command && Path.GetFileName(command) == executable)
            {
                return current;
            }
            foreach (var child in ChildrenOf(current))
            {
                queue.Enqueue(child);
            }
        }

        throw new InvalidOperationException($"No process {executable} runs under process {pid}.");
    }

    private static string? CommandOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0')[0];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IEnumerable<int> ChildrenOf(int pid)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var candidate))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // exited meanwhile
            }

            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == pid)
            {
                yield return candidate;
            }
        }
    }
}
