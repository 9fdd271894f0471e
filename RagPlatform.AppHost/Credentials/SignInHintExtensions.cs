using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RagPlatform.AppHost.Credentials;

/// <summary>
/// Tells whoever started the stack where to sign in and how to get a token for the terminal, with no secret in the
/// message: the console and the dashboard keep logs, and a log is no place for credentials.
/// </summary>
internal static class SignInHintExtensions
{
    public const string WebAppUrl = "http://localhost:5090";
    public const string ApiUrl = "http://localhost:5080";
    // dotnet run writes its own lines ("Using launch settings…", "Building…") to standard output: keep only the exports.
    public const string TokenCommand = "eval \"$(dotnet run --project RagPlatform.AppHost -- token | grep ^export)\"";

    public static IDistributedApplicationBuilder AddSignInHint(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((created, _) =>
            {
                created.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RagPlatform.AppHost").LogInformation(
                    "Sign in to the web app at {WebApp} (in Development: one click with the development credentials). API at {Api}. " +
                    "For curl, a development token (tenant dev, every role) and the service token as $TOKEN and $SERVICE_TOKEN: {TokenCommand}",
                    WebAppUrl, ApiUrl, TokenCommand);
                return Task.CompletedTask;
            });
        }
        return builder;
    }
}
