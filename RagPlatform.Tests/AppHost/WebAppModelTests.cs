using Aspire.Hosting.ApplicationModel;

namespace RagPlatform.Tests.AppHost;

/// <summary>The web app in the AppHost: after the API, finding it by service discovery, with the development signing key.</summary>
public class WebAppModelTests
{
    [Fact]
    public async Task TheWebAppWaitsForTheApiFindsItByNameAndSignsDevelopmentUsersInWithTheApisKey()
    {
        await using var model = await AppHostModel.CreateAsync("Infrastructure:Mode=native");

        var env = await model.EnvironmentOf("web");
        var web = model.Get<IResource>("web");

        Assert.Contains("api", model.WaitsOf("web"));
        Assert.Contains(env.Keys, key => key.StartsWith("services__api__http", StringComparison.Ordinal));
        Assert.Equal("{jwt-signing-key.value}", env["Web__Development__SigningKey"]);
        Assert.Contains(web.Annotations.OfType<HealthCheckAnnotation>(), _ => true);
        Assert.Equal(5090, web.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").Port);
    }
}
