using System.Text.RegularExpressions;

namespace RagPlatform.Web.Components.Ask;

/// <summary>An answer refers to citation n as [n].</summary>
public static partial class CitationMarkers
{
    [GeneratedRegex(@"\[(\d{1,3})\]")]
    public static partial Regex Pattern();
}
