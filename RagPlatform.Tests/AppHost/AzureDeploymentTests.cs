namespace RagPlatform.Tests.AppHost;

/// <summary>azure.yaml, which azd reads: nothing here reaches Azure, so only its shape and what it points at are checked.</summary>
public sealed class AzureDeploymentTests
{
    [Fact]
    public void AzureYamlDeploysTheAppHostProjectToContainerApps()
    {
        // ProjectPath is the AppHost's folder, which sits at the repository's root.
        var appHost = Path.TrimEndingDirectorySeparator(Projects.RagPlatform_AppHost.ProjectPath);
        var root = Path.GetDirectoryName(appHost)!;
        var lines = File.ReadAllLines(Path.Combine(root, "azure.yaml")).Select(l => l.Trim()).ToList();

        Assert.Contains("name: ragplatform", lines);
        Assert.Contains("language: dotnet", lines);
        Assert.Contains("host: containerapp", lines);
        var project = Assert.Single(lines, l => l.StartsWith("project: ", StringComparison.Ordinal))["project: ".Length..];
        Assert.Equal(Path.Combine(appHost, "RagPlatform.AppHost.csproj"), Path.GetFullPath(Path.Combine(root, project)));
    }
}
