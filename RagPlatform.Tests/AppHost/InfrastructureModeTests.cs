namespace RagPlatform.Tests.AppHost;

public class InfrastructureModeTests
{
    [Fact]
    public async Task UnknownModeFailsWithAMessageNamingTheKeyAndTheAllowedValues()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AppHostModel.CreateAsync("Infrastructure:Mode=kubernetes"));

        var message = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("Infrastructure:Mode", message);
        Assert.Contains("kubernetes", message);
        Assert.Contains("auto, containers, native", message);
    }

    private static IEnumerable<Exception> Flatten(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
