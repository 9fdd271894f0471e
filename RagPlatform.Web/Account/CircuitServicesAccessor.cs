using Microsoft.AspNetCore.Components.Server.Circuits;

namespace RagPlatform.Web.Account;

/// <summary>
/// The services of the Blazor circuit whose work is running, for code in another DI scope (an HttpClient handler), as
/// ASP.NET Core's documentation shows for reaching the user from outgoing-request middleware.
/// </summary>
public sealed class CircuitServicesAccessor
{
    private static readonly AsyncLocal<IServiceProvider?> Current = new();

    public IServiceProvider? Services
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}

/// <summary>Sets <see cref="CircuitServicesAccessor.Services"/> around every inbound activity of a circuit.</summary>
public sealed class ServicesAccessorCircuitHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            await next(context);
            accessor.Services = null;
        };
}
