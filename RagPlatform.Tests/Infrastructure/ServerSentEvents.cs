using System.Text.Json;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>Reads a text/event-stream body as a client would: blank-line separated events of event: and data: lines.</summary>
public static class ServerSentEvents
{
    public sealed record Event(string Name, JsonElement Data);

    public static Event[] Parse(string body) =>
        body.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block =>
            {
                var lines = block.Split('\n');
                var name = lines.Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l[7..]).SingleOrDefault() ?? "message";
                var data = string.Join('\n', lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l[6..]));
                return new Event(name, JsonDocument.Parse(data).RootElement.Clone());
            })
            .ToArray();
}
