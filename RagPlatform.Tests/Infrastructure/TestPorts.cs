using System.Globalization;

using RagPlatform.AppHost.Native;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// Ports for servers the tests start on a port named in advance (PostgreSQL, Redis, Prometheus, Azurite, the AppHost's
/// native servers). A port the kernel hands out for <c>bind(0)</c> is free only at that instant: it comes from the
/// ephemeral range, which every outgoing connection of the suite also draws from, so between the pick and the server's
/// start some connection can take it (seen once on CI: the native stack's Prometheus exited, its port taken). These
/// come from below the ephemeral range instead, where the kernel never assigns one by itself, each handed out once
/// per test run and checked bindable.
/// </summary>
public static class TestPorts
{
    private const int Lowest = 10_000;
    private static readonly object Gate = new();
    private static readonly HashSet<int> HandedOut = [];
    private static readonly int Highest = EphemeralRangeStart() - 1;
    private static int _next = Lowest + Random.Shared.Next(Math.Max(1, Highest - Lowest));

    /// <summary>A loopback port no other test was given and nothing listens on, outside the kernel's ephemeral range.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var tried = 0; tried <= Highest - Lowest; tried++)
            {
                var port = _next;
                _next = _next >= Highest ? Lowest : _next + 1;
                if (HandedOut.Add(port) && LoopbackPort.IsFree(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {Highest}.");
    }

    /// <summary>The first port of Linux's ephemeral range (32768 by default), or that default elsewhere.</summary>
    private static int EphemeralRangeStart()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(RangeFile)
            && File.ReadAllText(RangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var low, ..]
            && int.TryParse(low, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
            && start > Lowest + 1000)
        {
            return start;
        }

        return 32_768;
    }
}
