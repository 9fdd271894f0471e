using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RagPlatform.Tests.AppHost;

/// <summary>
/// The deployment manifest, written the way an operator (or azd) asks for it: <c>dotnet run --project RagPlatform.AppHost --
/// --publisher manifest</c>, here on a machine without a container runtime, whose native servers must not leak into it.
/// </summary>
public sealed partial class PublishManifestTests : IAsyncLifetime
{
    // Published once for every test of the class: it runs the AppHost.
    private static readonly Lazy<Task<(int ExitCode, string Output, JsonElement Resources)>> Published = new(PublishAsync);

    private int _exitCode;
    private string _output = "";
    private JsonElement _resources;

    private static async Task<(int ExitCode, string Output, JsonElement Resources)> PublishAsync()
    {
        var folder = Directory.CreateTempSubdirectory("ragplatform-manifest-").FullName;
        try
        {
            var manifest = Path.Combine(folder, "aspire-manifest.json");
            var start = new ProcessStartInfo("dotnet",
                ["run", "--no-build", "--no-launch-profile", "--project", Projects.RagPlatform_AppHost.ProjectPath, "-c", Configuration(),
                 "--", "--publisher", "manifest", "--output-path", manifest])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // As on a machine where native mode would be chosen: no container runtime answers.
            start.Environment["ASPIRE_CONTAINER_RUNTIME"] = "no-such-runtime";
            start.Environment["Infrastructure__Mode"] = "native";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
            var resources = File.Exists(manifest)
                ? JsonDocument.Parse(await File.ReadAllTextAsync(manifest)).RootElement.GetProperty("resources").Clone()
                : default;
            return (process.ExitCode, await stdout + await stderr, resources);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public async ValueTask InitializeAsync() => (_exitCode, _output, _resources) = await Published.Value;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IEnumerable<(string Name, JsonElement Resource)> Resources =>
        _resources.ValueKind == JsonValueKind.Object ? _resources.EnumerateObject().Select(p => (p.Name, p.Value)) : [];

    [Fact]
    public void PublishingSucceedsAndModelsContainersNeverTheMachinesProcesses()
    {
        Assert.True(_exitCode == 0, _output);
        Assert.DoesNotContain("Could not find a part of the path", _output);
        Assert.NotEmpty(Resources);
        Assert.DoesNotContain(Resources, r => r.Resource.GetProperty("type").GetString()!.StartsWith("executable", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryImageHasAPinnedTagAndPostgresIsAMajorTheMachinesPgDumpCanDump()
    {
        var images = Resources.Where(r => r.Resource.TryGetProperty("image", out _))
            .ToDictionary(r => r.Name, r => r.Resource.GetProperty("image").GetString()!);

        Assert.Superset(new HashSet<string> { "postgres", "cache", "qdrant0", "qdrant1", "qdrant2", "prometheus", "grafana" }, images.Keys.ToHashSet());
        Assert.All(images, image => Assert.Matches(PinnedTag(), image.Value));

        var postgresMajor = int.Parse(PinnedTag().Match(images["postgres"]).Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var pgDumpMajors = Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "pg_dump")))
            .Select(d => int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(pgDumpMajors);
        Assert.True(postgresMajor <= pgDumpMajors.Max(), $"postgres {postgresMajor} in the manifest, pg_dump {pgDumpMajors.Max()} here");
    }

    [Fact]
    public void ThreeQdrantNodesPrometheusAndGrafanaAreDeployedWithNamedVolumes()
    {
        var names = Resources.Select(r => r.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "qdrant0", "qdrant1", "qdrant2", "prometheus", "grafana", "api", "worker" }, names);
        Assert.DoesNotContain("qdrant3", names);

        var volumes = Resources.Where(r => r.Resource.TryGetProperty("volumes", out _))
            .SelectMany(r => r.Resource.GetProperty("volumes").EnumerateArray().Select(v => (r.Name, Volume: v.GetProperty("name").GetString()))).ToList();
        Assert.Superset(new HashSet<string> { "postgres", "cache", "qdrant0", "qdrant1", "qdrant2", "prometheus", "grafana" }, volumes.Select(v => v.Name).ToHashSet());
        Assert.All(volumes, v => Assert.False(string.IsNullOrEmpty(v.Volume), $"{v.Name} has an anonymous volume"));
    }

    [Fact]
    public void EverySecretIsASecretParameterAndNoSecretIsWrittenInClear()
    {
        var secrets = Resources.Where(r => r.Resource.GetProperty("type").GetString() == "parameter.v0")
            .Where(r => r.Resource.GetProperty("inputs").GetProperty("value").TryGetProperty("secret", out var secret) && secret.GetBoolean())
            .Select(r => r.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "jwt-signing-key", "service-token", "postgres-password", "redis-password", "qdrant-apikey", "grafana-admin-password" }, secrets);

        foreach (var (name, resource) in Resources)
        {
            if (resource.TryGetProperty("inputs", out var inputs))
            {
                // A generated default is a recipe (length, characters), not a value.
                Assert.False(inputs.GetProperty("value").TryGetProperty("default", out var d) && d.TryGetProperty("value", out _), $"{name} has a default value in clear");
            }
            foreach (var variable in resource.TryGetProperty("env", out var env) ? env.EnumerateObject() : [])
            {
                if (SecretName().IsMatch(variable.Name))
                {
                    Assert.Matches(@"^\{[^}]+\}$", variable.Value.GetString());
                }
            }
        }
    }

    private static string Configuration() => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    // registry/name:tag with an explicit version (not "latest"), the major captured for PostgreSQL.
    [GeneratedRegex(@"^[\w./-]+:v?(?<major>\d+)(\.\d+)*$")]
    private static partial Regex PinnedTag();

    [GeneratedRegex("PASSWORD|APIKEY|API_KEY|SIGNINGKEY|SIGNING_KEY|TOKEN|SECRET", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
