using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Client;

/// <summary>RagPlatformClient registered as an application would (AddRagPlatformClient), reaching the fixture's in-process API.</summary>
public static class TypedClients
{
    public static RagPlatformClient Create(ApiFixture fixture, Action<RagPlatformClientOptions> credentials)
    {
        var services = new ServiceCollection();
        services.AddRagPlatformClient(options =>
        {
            options.BaseAddress = new Uri("http://localhost/");
            credentials(options);
        }).ConfigurePrimaryHttpMessageHandler(fixture.CreateApiHandler);
        return services.BuildServiceProvider().GetRequiredService<RagPlatformClient>();
    }

    /// <summary>A client whose token provider signs in as <paramref name="roles"/> of the test tenant, with the service token.</summary>
    public static RagPlatformClient WithToken(ApiFixture fixture, params string[] roles) => Create(fixture, options =>
    {
        options.TokenProvider = (_, _) => ValueTask.FromResult<string?>(TestCredentials.Token(roles: roles.Length > 0 ? roles : null));
        options.ServiceToken = TestCredentials.ServiceToken;
    });
}
