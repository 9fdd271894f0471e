using RagPlatform.AppHost.Credentials;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>
/// The README's curl examples run as written, in order, against a started API (Kestrel, real PostgreSQL, the ingestion
/// worker), with the token from the README's token command: each answers what the README says it does.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReadmeExamplesTests(ApiFixture fixture)
{
    /// <summary>Per example (by its comment's first line): the statuses its curl calls may answer, and what its output holds.</summary>
    private static readonly Dictionary<string, (int[] Statuses, string[] Output)> Expected = new()
    {
        ["Upload (202 Accepted, with a status URL)"] = ([202], ["\"id\":\"handbook\"", "\"status\":\"queued\""]),
        ["Or upload a file as multipart/form-data: PDF, DOCX, XLSX, CSV, PPTX, EML, Markdown, HTML, text;"] = ([202], ["\"id\":\"q3-report\""]),
        ["Status: queued -> processing (see \"step\": reuse, extract, chunk, embed, index) -> indexed,"] = ([200], ["\"id\":\"handbook\""]),
        // Its curl output (statuses included) goes to grep: that it ends at all is the check, a failed document would keep it waiting.
        ["Wait until both are indexed (a few seconds; the first upload after a start also loads the model)"] = ([], []),
        ["List (paged, newest first)"] = ([200], ["\"id\":\"handbook\"", "\"id\":\"q3-report\"", "\"status\":\"indexed\""]),
        ["Search"] = ([200], ["\"documentId\":\"handbook\"", "30 days"]),
        ["Search only the ops and sre teams' documents in the EU, dropping weak hits: finds the handbook"] = ([200], ["\"documentId\":\"handbook\""]),
        ["Ask: an answer with numbered citations (filter, minScore and collection work here too)"] = ([200], ["02:00", "\"citations\":[{"]),
        ["Ask a follow-up, streamed as Server-Sent Events"] = ([200], ["event: citations", "event: delta", "event: done"]),
        ["Replace the content: searches see the old version until the new one is indexed. Title, collection"] = ([202], ["\"status\":\"queued\""]),
        ["The new version, with its metadata kept ({\"team\":\"ops\",\"region\":\"eu\"})"] = ([200], ["\"version\":2", "\"team\":\"ops\"", "\"region\":\"eu\""]),
        ["Delete: 204 once gone from the list and from this instance's search; 202 if the index had"] = ([204, 202], []),
    };

    [Fact]
    public async Task TheReadmesExamplesRunAsWrittenInOrderAndAnswerWhatTheyPromise()
    {
        var readme = await File.ReadAllTextAsync(RepositoryFiles.PathOf("README.md"), TestContext.Current.CancellationToken);
        // The token command the README shows is the one the AppHost's console names, and it is what gives the token here.
        Assert.Contains(SignInHintExtensions.TokenCommand, readme);
        var credentials = await TokenCommand.RunAsync(TestCredentials.SigningKey, TestCredentials.ServiceToken);
        Assert.True(credentials.ExitCode == 0, credentials.Error);
        var examples = ReadmeExamples.Parse(readme);
        Assert.Equal(Expected.Keys.Order(), examples.Examples.Select(example => example.Title).Order());
        var (api, address) = await fixture.Configure(TestHost.Api()).StartListeningAsync();
        await using var _ = api;

        var outcomes = await examples.RunAsync(address,
            new Dictionary<string, string> { ["TOKEN"] = credentials.Token, ["SERVICE_TOKEN"] = credentials.ServiceToken },
            RepositoryFiles.Root, TimeSpan.FromMinutes(2));

        Assert.Equal(examples.Examples.Select(example => example.Title), outcomes.Select(outcome => outcome.Title));
        foreach (var outcome in outcomes)
        {
            var (statuses, output) = Expected[outcome.Title];
            Assert.True(outcome.ExitCode == 0, $"'{outcome.Title}' exited with {outcome.ExitCode}: {outcome.Output}");
            Assert.True(statuses.Length == 0 || outcome.Statuses.Count > 0, $"'{outcome.Title}' made no request: {outcome.Output}");
            Assert.All(outcome.Statuses, status => Assert.True(statuses.Contains(status),
                $"'{outcome.Title}' answered {status}, not {string.Join(" or ", statuses)}: {outcome.Output}"));
            foreach (var expected in output)
            {
                Assert.True(outcome.Output.Contains(expected, StringComparison.Ordinal), $"'{outcome.Title}' did not answer {expected}: {outcome.Output}");
            }
        }
    }
}
