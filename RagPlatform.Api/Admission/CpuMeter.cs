using System.Diagnostics;
using System.Globalization;

namespace RagPlatform.Api.Admission;

/// <summary>
/// How busy the cores were since the last reading, from 0 to 1: the whole machine's where Linux tells it
/// (/proc/stat: on a shared machine other processes' load slows searches as much as our own), else this process's.
/// </summary>
public sealed class CpuMeter
{
    private const string ProcStat = "/proc/stat";
    private readonly bool _machine = File.Exists(ProcStat);
    private (double Busy, double Total) _last;

    public CpuMeter() => _last = Read();

    public double BusySinceLastReading()
    {
        var now = Read();
        var total = now.Total - _last.Total;
        var busy = total > 0 ? Math.Clamp((now.Busy - _last.Busy) / total, 0, 1) : 0;
        _last = now;
        return busy;
    }

    /// <summary>Busy and total time, in any unit as long as both share it.</summary>
    private (double Busy, double Total) Read()
    {
        if (_machine)
        {
            // cpu  user nice system idle iowait irq softirq steal ...: idle and iowait are the time no work ran.
            using var reader = new StreamReader(ProcStat);
            var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            var total = fields.Take(Math.Min(8, fields.Length)).Sum();
            return (total - idle, total);
        }

        return (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency * Environment.ProcessorCount);
    }
}
