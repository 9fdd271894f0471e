using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>A meter factory of its own for a component a test builds by hand, as a host would give it one.</summary>
public static class TestMeterFactory
{
    public static IMeterFactory Create() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
