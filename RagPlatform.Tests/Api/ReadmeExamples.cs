using System.Diagnostics;
using System.Text;

namespace RagPlatform.Tests.Api;

/// <summary>
/// The README's "Use it" examples: the shell block that starts with <c>AUTH="Authorization: Bearer $TOKEN"</c>, one example
/// per paragraph, named by its first comment line. <see cref="RunAsync"/> runs them in order in one bash session, as a
/// reader pasting them would, with curl reporting each response's status after its body.
/// </summary>
public sealed record ReadmeExamples(string Preamble, IReadOnlyList<ReadmeExamples.Example> Examples)
{
    public const string FirstLine = "AUTH=\"Authorization: Bearer $TOKEN\"";
    public const string ReadmeAddress = "http://localhost:5080";

    public sealed record Example(string Title, string Script);

    /// <summary>What an example printed, the HTTP statuses of its curl calls in order, and its exit code.</summary>
    public sealed record Outcome(string Title, string Output, IReadOnlyList<int> Statuses, int ExitCode);

    public static ReadmeExamples Parse(string readme)
    {
        var start = readme.IndexOf("```bash\n" + FirstLine, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no shell block starting with {FirstLine}");
        start += "```bash\n".Length;
        var block = readme[start..readme.IndexOf("\n```", start, StringComparison.Ordinal)];
        var paragraphs = block.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var examples = paragraphs.Skip(1).Select(paragraph =>
            new Example(paragraph.Split('\n')[0].TrimStart('#').Trim(), paragraph)).ToList();
        return new ReadmeExamples(paragraphs[0], examples);
    }

    /// <summary>Runs every example against <paramref name="api"/> instead of localhost:5080, from the repository's root.</summary>
    public async Task<List<Outcome>> RunAsync(Uri api, IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout)
    {
        var script = new StringBuilder("""
            curl() { command curl --max-time 60 -w '\n@@status %{http_code}\n' "$@"; }

            """);
        script.AppendLine(Preamble);
        for (var i = 0; i < Examples.Count; i++)
        {
            script.AppendLine($"echo '@@example {i}'").AppendLine(Examples[i].Script).AppendLine("echo \"@@exit $?\"");
        }
        var startInfo = new ProcessStartInfo("bash", ["-c", script.ToString().Replace(ReadmeAddress, api.ToString().TrimEnd('/'), StringComparison.Ordinal)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The README's examples did not finish within {timeout}. Output so far:\n{await output}\n{await error}");
        }
        return Split(await output);
    }

    private List<Outcome> Split(string output)
    {
        var outcomes = new List<Outcome>();
        var sections = output.Split("@@example ");
        foreach (var section in sections.Skip(1))
        {
            var index = int.Parse(section[..section.IndexOf('\n', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            var lines = section.Split('\n').Skip(1).ToList();
            var statuses = lines.Where(line => line.StartsWith("@@status ", StringComparison.Ordinal))
                .Select(line => int.Parse(line["@@status ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var exit = lines.LastOrDefault(line => line.StartsWith("@@exit ", StringComparison.Ordinal)) is { } last
                ? int.Parse(last["@@exit ".Length..], System.Globalization.CultureInfo.InvariantCulture)
                : -1;
            var body = string.Join('\n', lines.Where(line => !line.StartsWith("@@", StringComparison.Ordinal)));
            outcomes.Add(new Outcome(Examples[index].Title, body, statuses, exit));
        }
        return outcomes;
    }
}
