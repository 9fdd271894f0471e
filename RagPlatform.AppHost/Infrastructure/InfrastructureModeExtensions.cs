using Microsoft.Extensions.Configuration;

namespace RagPlatform.AppHost.Infrastructure;

public static class InfrastructureModeExtensions
{
    public const string ModeKey = "Infrastructure:Mode";

    /// <summary>
    /// Reads <c>Infrastructure:Mode</c> (a bad value fails even when publishing, which always models containers) and resolves <c>auto</c> to containers or native, saying on
    /// the console which mode was chosen and why. A container resource without a healthy runtime
    /// waits forever, so auto only picks containers when a runtime actually answers.
    /// </summary>
    public static InfrastructureMode GetInfrastructureMode(this IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration[ModeKey];
        var mode = Parse(configured);

        // A manifest describes where the platform is deployed, not this machine: never its native processes.
        if (builder.ExecutionContext.IsPublishMode)
        {
            Console.WriteLine($"Infrastructure mode: containers (publishing; {ModeKey} applies to runs only).");
            return InfrastructureMode.Containers;
        }

        if (mode != InfrastructureMode.Auto)
        {
            Console.WriteLine($"Infrastructure mode: {Name(mode)} (set by {ModeKey}).");
            return mode;
        }

        var probe = ContainerRuntimeProbe.Run(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"]
            ?? builder.Configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"]);
        mode = probe.Healthy ? InfrastructureMode.Containers : InfrastructureMode.Native;
        Console.WriteLine($"Infrastructure mode: {Name(mode)} ({ModeKey}=auto; {probe.Reason}).");
        return mode;
    }

    internal static InfrastructureMode Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => InfrastructureMode.Auto,
        "containers" => InfrastructureMode.Containers,
        "native" => InfrastructureMode.Native,
        _ => throw new InfrastructureConfigurationException(
            $"{ModeKey} is '{value}', which is not one of the allowed values: auto, containers, native."),
    };

    private static string Name(InfrastructureMode mode) => mode.ToString().ToLowerInvariant();
}
