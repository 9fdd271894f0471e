namespace RagPlatform.AppHost.Infrastructure;

/// <summary>A setting or a prerequisite of the infrastructure is wrong; the message says how to fix it.</summary>
public sealed class InfrastructureConfigurationException(string message) : Exception(message);
