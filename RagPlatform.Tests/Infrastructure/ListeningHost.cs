using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// A test host served by Kestrel on a free loopback port instead of the in-memory test server, for clients that are
/// not in this process (a real Prometheus scraping /metrics).
/// </summary>
public static class ListeningHost
{
    public static async Task<(WebApplicationFactory<TMarker> Host, Uri Address)> StartListeningAsync<TMarker>(
        this TestHost<TMarker> builder, TimeSpan? within = null) where TMarker : class
    {
        var host = builder.Build();
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var address = new Uri(host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        using var client = new HttpClient { BaseAddress = address };
        await client.WaitUntilHealthyAsync(within);
        return (host, address);
    }
}
