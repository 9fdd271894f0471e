namespace RagPlatform.AppHost.Infrastructure;

/// <summary>A setting or a prerequisite of the infrastructure is wrong; the message says how to fix it.</summary>
public sealed class InfrastructureConfigurationException(string message) : Exception(message)
{
    /// <summary>
    /// Makes such an error, left unhandled, end the AppHost with its message and exit code 1 instead of
    /// a stack trace and an abort. Under Aspire.Hosting.Testing the exception reaches the test instead.
    /// </summary>
    public static void ExitWithMessageWhenUnhandled() => AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    {
        if (e.ExceptionObject is InfrastructureConfigurationException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            Environment.Exit(1);
        }
    };
}
