using System.Text.Json;

namespace RagPlatform.Tests.Monitoring;

/// <summary>The queries kept in the repository: every Grafana panel's and every alert rule's, read from their files.</summary>
internal static class MonitoringQueries
{
    public static IEnumerable<(string Dashboard, string Panel, string Expr)> PanelQueries(string dashboardsFolder)
    {
        foreach (var file in Directory.GetFiles(dashboardsFolder, "*.json").Order(StringComparer.Ordinal))
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    yield return (Path.GetFileNameWithoutExtension(file), panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!);
                }
            }
        }
    }

    /// <summary>
    /// The part of an alert expression that must answer in a healthy system: a comparison (<c>x &gt; 300</c>) rightly
    /// returns nothing until it fires, so its left-hand side is what is evaluated; anything else is evaluated whole.
    /// </summary>
    public static string Evaluated(string expr)
    {
        var depth = 0;
        var cut = -1;
        for (var i = 0; i < expr.Length; i++)
        {
            switch (expr[i])
            {
                case '(' or '{' or '[': depth++; break;
                case ')' or '}' or ']': depth--; break;
                case '"': i = expr.IndexOf('"', i + 1); break;
                case '>' or '<' or '=' or '!' when depth == 0 && cut < 0 && IsComparison(expr, i): cut = i; break;
            }
        }

        return cut < 0 ? expr : expr[..cut].Trim();
    }

    private static bool IsComparison(string expr, int i) => expr[i] switch
    {
        '=' => i + 1 < expr.Length && expr[i + 1] == '=',
        '!' => i + 1 < expr.Length && expr[i + 1] == '=',
        _ => true,
    };
}
