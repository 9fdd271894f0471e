using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using RagPlatform.Client;
using RagPlatform.Tests.Extraction;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>Real files of every supported format uploaded as multipart/form-data, and the limits on uploads.</summary>
[Collection(ApiCollection.Name)]
public sealed class FileUploadTests(ApiFixture fixture)
{
    public static TheoryData<string, string, string, string> Files => new()
    {
        { "notes.txt", "text/plain", "Plain text notes mention the albatross wingspan record.", "albatross wingspan record" },
        { "guide.md", "text/markdown", "# Field guide\n\nThe pangolin is covered in keratin scales.", "pangolin keratin scales" },
        { "page.html", "text/html", "<html><head><title>Page</title><script>var x = 'nope';</script></head><body><h1>Caves</h1><p>Stalactites hang from the ceiling of limestone caves.</p></body></html>", "stalactites limestone caves" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task TextFileIsIngestedAndSearchable(string fileName, string contentType, string content, string query)
    {
        var id = await UploadFileAsync(Encoding.UTF8.GetBytes(content), fileName, contentType);

        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        var hits = await fixture.Api.SearchUntilFirstAsync(query, id, TimeSpan.FromSeconds(2));
        Assert.Equal(id, hits[0].DocumentId);
    }

    [Fact]
    public async Task PdfIsIngestedWithItsTitleAndSearchable()
    {
        var pdf = TestDocuments.Pdf("Glacier survey",
            [["Glaciers in the northern valley retreated forty metres last year."]],
            [["Meltwater lakes formed behind the terminal moraine."]]);

        var id = await UploadFileAsync(pdf, "survey.pdf", "application/pdf");

        var document = await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        Assert.Equal("Glacier survey", document.Title);
        var hits = await fixture.Api.SearchUntilFirstAsync("meltwater lakes terminal moraine", id, TimeSpan.FromSeconds(2));
        Assert.Equal(id, hits[0].DocumentId);
    }

    [Fact]
    public async Task DocxIsIngestedAndSearchable()
    {
        var id = await UploadFileAsync(TestDocuments.Docx(), "guide.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        var hits = await fixture.Api.SearchUntilFirstAsync("installer copies the files", id, TimeSpan.FromSeconds(2));
        Assert.Equal(id, hits[0].DocumentId);
    }

    [Fact]
    public async Task CorruptPdfFailsOnceWithAReasonAndIsNotRetried()
    {
        var id = await UploadFileAsync("%PDF-1.7\nthis is not a real PDF body"u8.ToArray(), "broken.pdf", "application/pdf");

        var document = await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Failed);
        Assert.Contains("PDF could not be read", document.Error);
        Assert.Equal(1, document.Attempts);
        // Nothing is left to retry it: no job for it is waiting or running (instead of watching the clock for one).
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var pending = new NpgsqlCommand(
            "SELECT count(*) FROM ingestion_jobs WHERE document_id = @id AND status IN ('queued', 'running')", connection);
        pending.Parameters.AddWithValue("id", TestCredentials.KeyOf(id));
        Assert.Equal(0L, await pending.ExecuteScalarAsync());
    }

    [Fact]
    public async Task OversizedUploadGets413AndStoresNothing()
    {
        var id = $"big-{Guid.NewGuid():N}";
        var response = await PostFileAsync(new byte[ApiFixture.MaxUploadBytes + 1], "big.txt", "text/plain", id);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/v1/documents/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("image.gif", "image/gif")]
    [InlineData("scan.jpg", "image/jpeg")]
    [InlineData("fake.pdf", "application/pdf")]
    public async Task UnsupportedOrMismatchedTypeGets415(string fileName, string contentType)
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

        var response = await PostFileAsync(png, fileName, contentType, $"t-{Guid.NewGuid():N}");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task PdfDeclaredAsTextGets415()
    {
        var response = await PostFileAsync(TestDocuments.Pdf(null, [["text"]]), "sneaky.txt", "text/plain", $"t-{Guid.NewGuid():N}");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x20, 0x0A, 0x20 })]
    [InlineData(new byte[] { 0x66, 0x6F, 0xC3, 0x28 })]
    public async Task EmptyBlankOrInvalidUtf8TextGets422(byte[] content)
    {
        var id = $"empty-{Guid.NewGuid():N}";

        var response = await PostFileAsync(content, "empty.txt", "text/plain", id);

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/v1/documents/{id}")).StatusCode);
    }

    [Fact]
    public async Task BodyThatIsNeitherJsonNorFormGets415()
    {
        var response = await fixture.Client.PostAsync("/api/v1/documents", new StringContent("just text", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<string> UploadFileAsync(byte[] content, string fileName, string contentType) =>
        (await fixture.Api.UploadAsync(new FileUpload(new MemoryStream(content), fileName, contentType, Id: $"file-{Guid.NewGuid():N}"))).Id;

    // Raw multipart for the refusals: the status and the problem document on the wire are what those tests check.
    private Task<HttpResponseMessage> PostFileAsync(byte[] content, string fileName, string contentType, string id)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName }, { new StringContent(id), "id" } };
        return fixture.Client.PostAsync("/api/v1/documents", form);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
    }
}
