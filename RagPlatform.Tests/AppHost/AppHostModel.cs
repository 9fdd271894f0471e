using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace RagPlatform.Tests.AppHost;

/// <summary>Builds the AppHost's resource model with the given settings without starting anything.</summary>
internal sealed class AppHostModel : IAsyncDisposable
{
    private readonly IDistributedApplicationTestingBuilder _builder;

    private AppHostModel(IDistributedApplicationTestingBuilder builder) => _builder = builder;

    public IResourceCollection Resources => _builder.Resources;

    public static async Task<AppHostModel> CreateAsync(params string[] args) =>
        new(await DistributedApplicationTestingBuilder.CreateAsync<Projects.RagPlatform_AppHost>(args));

    public T Get<T>(string name) where T : IResource =>
        Assert.IsType<T>(Resources.Single(r => r.Name == name), exactMatch: false);

    public IEnumerable<string> WaitsOf(string name) =>
        Get<IResource>(name).Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name);

    /// <summary>Arguments and environment as the manifest would write them: parameters and endpoints stay references.</summary>
    public async Task<(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)> ConfigurationOf(string name)
    {
        var result = await ExecutionConfigurationBuilder.Create(Get<IResource>(name))
            .WithArgumentsConfig()
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, CancellationToken.None);
        return ([.. result.Arguments.Select(a => a.Value)], result.EnvironmentVariables.ToDictionary());
    }

    public async Task<IReadOnlyDictionary<string, string>> EnvironmentOf(string name) => (await ConfigurationOf(name)).Environment;

    public async Task<IReadOnlyList<string>> ArgumentsOf(string name) => (await ConfigurationOf(name)).Arguments;

    public ValueTask DisposeAsync() => _builder.DisposeAsync();
}
