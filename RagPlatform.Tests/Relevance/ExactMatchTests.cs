using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Relevance;

/// <summary>
/// Issue 11's first complaint, at every size a new user starts with: searching for a code, an identifier or a rare word
/// puts the one document that holds it first, even among siblings that differ by a character or two, with the real
/// embedding model adding its dense noise and the shipped ranking (feedback, fusion, relevance) as it is.
/// </summary>
public sealed class ExactMatchTests(RelevanceCorpus corpus) : IClassFixture<RelevanceCorpus>
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var size in new[] { 1, 5, 20, 200 })
        {
            foreach (var kind in Siblings.Keys)
            {
                data.Add(size, kind);
            }
        }

        return data;
    }

    /// <summary>Each kind: identifiers that differ from one another by one or a few characters.</summary>
    private static readonly Dictionary<string, string[]> Siblings = new()
    {
        ["unique token"] = ["pdfword5b3d15c4", "docxword5b3d15c4", "txtword5b3d15c4", "htmlword5b3d15c4", "mdword5b3d15c4"],
        ["part number"] = ["XK-4471-B", "XK-4471-C", "XK-4417-B", "XK-4471-BB", "XJ-4471-B"],
        ["error code"] = ["0x80070005", "0x80070006", "0x80070050", "0x80004005", "0x8007000E"],
        ["version"] = ["v2.3.1", "v2.3.2", "v2.13.1", "v3.3.1", "v2.3.10"],
        ["e-mail address"] = ["anna.berg@example.com", "anna.berk@example.com", "ana.berg@example.com", "anna.berg@example.org", "anna_berg@example.com"],
        ["file name"] = ["report_2024_q3.pdf", "report_2024_q4.pdf", "report_2023_q3.pdf", "report-2024-q3.pdf", "report_2024_q3.xlsx"],
        ["rare word"] = ["lighthouse", "heliograph", "sextant", "astrolabe", "bathysphere"],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachSiblingPutsItsOwnDocumentFirst(int size, string kind)
    {
        var siblings = Siblings[kind].Take(size).ToArray();
        // Ordinary sentences around each code, varied so the dense side prefers some documents over others.
        var planted = siblings.Select((code, i) => ($"planted-{i}", $"{RelevanceCorpus.Filler(100 + i).Text} The record refers to {code} as noted.")).ToList();
        using var index = await corpus.IndexAsync(size, planted);

        foreach (var (code, i) in siblings.Select((code, i) => (code, i)))
        {
            var hits = await corpus.SearchAsync(index, code);

            Assert.True(hits.Count > 0 && hits[0].DocumentId == $"planted-{i}",
                $"{size} documents, {kind} '{code}': expected planted-{i}, got {Describe(hits)}");
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(200)]
    public async Task AnExactCodeInsideAQuestionStillPutsItsDocumentFirst(int size)
    {
        var planted = new List<(string, string)>
        {
            ("right", "Installing the update failed with error 0x80070005 on the build server."),
            ("sibling", "Installing the update failed with error 0x80070006 on the build server."),
        };
        using var index = await corpus.IndexAsync(size, planted);

        var hits = await corpus.SearchAsync(index, "why does installing the update fail with 0x80070005?");

        Assert.Equal("right", hits[0].DocumentId);
    }

    private static string Describe(IReadOnlyList<SearchHit> hits) =>
        string.Join("; ", hits.Take(3).Select(h => $"{h.DocumentId} {h.Score:0.000} {h.FoundBy} {h.Features}"));
}
