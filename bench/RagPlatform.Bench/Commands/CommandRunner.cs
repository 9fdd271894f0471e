namespace RagPlatform.Bench.Commands;

/// <summary>Turns the failures a user can fix (API down, bad dataset) into one line and an exit code, not a stack trace.</summary>
public static class CommandRunner
{
    public const int Failed = 2;
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (OperationCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            await Console.Error.WriteLineAsync($"error: a request timed out: {ex.Message}");
            return Failed;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return Cancelled;
        }
        catch (Exception ex) when (ex is HttpRequestException or RagPlatform.Client.RagPlatformApiException or TimeoutException or IOException or FormatException
            or System.Text.Json.JsonException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return Failed;
        }
    }
}
