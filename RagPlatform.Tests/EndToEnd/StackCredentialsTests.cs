using RagPlatform.AppHost.Credentials;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.EndToEnd;

/// <summary>The started stack tells its user where to sign in and how to get a token, and no console holds a secret.</summary>
[Collection(NativeStackCollection.Name)]
public sealed class StackCredentialsTests(NativeStackFixture stack)
{
    [Fact]
    public void TheAppHostsConsoleSaysWhereToSignInAndHowToGetATokenWithoutGivingOne()
    {
        var hint = Assert.Single(stack.AppHostLogs.Entries, entry => entry.Contains("Sign in to the web app", StringComparison.Ordinal));

        Assert.Contains(SignInHintExtensions.WebAppUrl, hint);
        Assert.Contains(SignInHintExtensions.TokenCommand, hint);
        Assert.Empty(stack.AppHostLogs.Containing(TestCredentials.SigningKey));
        Assert.Empty(stack.AppHostLogs.Containing(TestCredentials.ServiceToken));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task NoServiceWritesTheSigningKeyOrServiceTokenToItsConsole(string resource)
    {
        var output = await stack.OutputOfAsync(resource);

        Assert.NotEmpty(output);
        Assert.DoesNotContain(output, line => line.Contains(TestCredentials.SigningKey, StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains(TestCredentials.ServiceToken, StringComparison.Ordinal));
    }
}
