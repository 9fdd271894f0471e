using Aspire.Hosting.ApplicationModel;

namespace RagPlatform.Tests.AppHost;

/// <summary>The AppHost gives the API its credentials from secret parameters, generated when not given.</summary>
public class CredentialsTests
{
    [Theory]
    [InlineData("native")]
    [InlineData("containers")]
    public async Task TheApiTakesItsSigningKeyAndServiceTokenFromSecretParameters(string mode)
    {
        await using var model = await AppHostModel.CreateAsync($"Infrastructure:Mode={mode}");

        var env = await model.EnvironmentOf("api");

        Assert.Equal("{jwt-signing-key.value}", env["Auth__Jwt__SigningKey"]);
        Assert.Equal("{service-token.value}", env["Auth__ServiceToken"]);
        foreach (var name in new[] { "jwt-signing-key", "service-token" })
        {
            var parameter = Assert.IsType<ParameterResource>(model.Get<IResource>(name));
            Assert.True(parameter.Secret);
        }
    }

    [Fact]
    public async Task ContainerRedisHasAPasswordFromASecretParameter()
    {
        await using var model = await AppHostModel.CreateAsync("Infrastructure:Mode=containers");

        var parameter = Assert.IsType<ParameterResource>(model.Get<IResource>("redis-password"));

        Assert.True(parameter.Secret);
        Assert.Same(parameter, Assert.IsType<RedisResource>(model.Get<IResource>("cache")).PasswordParameter);
    }
}
