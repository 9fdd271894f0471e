using Microsoft.AspNetCore.Components.Web;

namespace RagPlatform.Web.Components.Shared;

public static class RenderModes
{
    /// <summary>
    /// The interactive pages render only in their circuit: every API call is then made as the circuit's user, and a page
    /// is not fetched twice (prerendered, then again when interactive).
    /// </summary>
    public static readonly InteractiveServerRenderMode InteractiveServerOnly = new(prerender: false);
}
