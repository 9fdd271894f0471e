using Microsoft.AspNetCore.Components.Forms;
using RagPlatform.Client;
using RagPlatform.Web.Components.Shared;

namespace RagPlatform.Web.Components.Pages;

/// <summary>The documents list with live status: while any shown document is queued or processing, the page is read again every 1.5 s.</summary>
public sealed partial class Documents
{
    private const int PageSize = 10;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(1500);

    private readonly CancellationTokenSource _closed = new();
    private readonly HashSet<string> _seenIndexed = new(StringComparer.Ordinal);
    private DocumentPage? _page;
    private int _pageNumber = 1;
    private Document? _confirmDelete;
    private string? _problem;
    private string? _announcement;

    private long PageCount => _page is null ? 1 : Math.Max(1, (_page.Total + PageSize - 1) / PageSize);

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        _ = FollowStatusAsync();
    }

    private async Task FollowStatusAsync()
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_closed.Token))
            {
                if (_page?.Items.Any(IsInFlight) == true)
                {
                    await InvokeAsync(RefreshAsync);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            var page = await Rag.ListDocumentsAsync(_pageNumber, PageSize, cancellationToken: _closed.Token);
            // The list says what PostgreSQL holds; a document's own GET waits until this API instance's search finds it.
            // Asking that of each document this page has not yet seen indexed (one that has just finished, however fast)
            // makes "indexed" here mean "searchable now". Those listed at the first load are long done.
            var items = page.Items.ToArray();
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i].Status == DocumentStatuses.Indexed && _page is not null && !_seenIndexed.Contains(items[i].Id))
                {
                    items[i] = await Rag.GetDocumentAsync(items[i].Id, _closed.Token);
                }
            }
            _seenIndexed.UnionWith(items.Where(document => document.Status == DocumentStatuses.Indexed).Select(document => document.Id));
            _page = page with { Items = items };
        }
        catch (Exception exception) when (exception is RagPlatformApiException or HttpRequestException)
        {
            _problem = ProblemAlert.Describe(exception);
        }
        StateHasChanged();
    }

    private static bool IsInFlight(Document document) => document.Status is DocumentStatuses.Queued or DocumentStatuses.Processing;

    private async Task GoToAsync(int page)
    {
        _pageNumber = page;
        await RefreshAsync();
    }

    private Task RetryAsync(Document document) => ActAsync(async () =>
    {
        await Rag.RetryAsync(document.Id, _closed.Token);
        _announcement = $"{document.Title} queued again.";
    });

    private Task DeleteAsync(Document document) => ActAsync(async () =>
    {
        _confirmDelete = null;
        await Rag.DeleteAsync(document.Id, _closed.Token);
        _announcement = $"{document.Title} deleted.";
    });

    private Task ReplaceAsync(Document document, InputFileChangeEventArgs e) => ActAsync(async () =>
    {
        var file = e.File;
        var content = new MemoryStream();
        await using (var stream = file.OpenReadStream(20 * 1024 * 1024, _closed.Token))
        {
            await stream.CopyToAsync(content, _closed.Token);
        }
        content.Position = 0;
        await Rag.ReplaceAsync(document.Id, new FileUpload(content, file.Name, string.IsNullOrEmpty(file.ContentType) ? null : file.ContentType), _closed.Token);
        _announcement = $"{document.Title} replaced with {file.Name}; it is being indexed again.";
    });

    private async Task ActAsync(Func<Task> action)
    {
        _problem = null;
        try
        {
            await action();
        }
        catch (Exception exception) when (exception is RagPlatformApiException or HttpRequestException or IOException)
        {
            _problem = ProblemAlert.Describe(exception);
        }
        await RefreshAsync();
    }

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }
}
