namespace RagPlatform.Tests.AppHost;

public sealed partial class PublishManifestTests
{
    [Fact]
    public void TheDeployedWebAppReachesTheApiButIsNotGivenTheKeyThatMintsTokens()
    {
        var web = Resources.Single(r => r.Name == "web").Resource;
        var env = web.GetProperty("env").EnumerateObject().Select(variable => variable.Name).ToList();

        Assert.Contains(env, name => name.StartsWith("services__api__http", StringComparison.Ordinal));
        Assert.DoesNotContain("Web__Development__SigningKey", env);
    }
}
