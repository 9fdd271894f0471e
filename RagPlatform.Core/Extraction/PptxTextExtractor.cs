using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using Drawing = DocumentFormat.OpenXml.Drawing;

namespace RagPlatform.Core.Extraction;

/// <summary>
/// PPTX to text: each slide a section headed by its number and title, its shapes' paragraphs in order, then its
/// speaker notes (what the presenter says is often the only prose a deck has). Title = the package's title, else the
/// first slide's title.
/// </summary>
public sealed class PptxTextExtractor : IBinaryTextExtractor
{
    public string ContentType => ContentTypes.Pptx;

    public ExtractedText Extract(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var document = PresentationDocument.Open(new MemoryStream(content.ToArray(), writable: false), isEditable: false);
            var presentation = document.PresentationPart ?? throw new DocumentUnreadableException("The PPTX file could not be read: it has no presentation.");
            var writer = new StructuredTextWriter();
            string? firstTitle = null;
            var number = 0;
            foreach (var slideId in presentation.Presentation?.SlideIdList?.Elements<SlideId>() ?? [])
            {
                if (slideId.RelationshipId?.Value is not { } id || presentation.GetPartById(id) is not SlidePart slide)
                {
                    continue;
                }
                number++;
                var shapes = slide.Slide?.Descendants<Shape>().ToList() ?? [];
                var titleShape = shapes.FirstOrDefault(IsTitle);
                var title = titleShape is null ? null : StructuredTextWriter.CollapseWhitespace(titleShape.InnerText);
                firstTitle ??= string.IsNullOrEmpty(title) ? null : title;
                writer.Heading(1, string.IsNullOrEmpty(title) ? $"Slide {number}" : $"Slide {number}: {title}");
                foreach (var shape in shapes.Where(shape => shape != titleShape))
                {
                    Paragraphs(writer, shape);
                }
                if (slide.NotesSlidePart?.NotesSlide is { } notes)
                {
                    var noteText = string.Join(" ", notes.Descendants<Shape>().Where(IsNotesBody)
                        .SelectMany(shape => shape.Descendants<Drawing.Paragraph>()).Select(p => p.InnerText).Where(t => t.Length > 0));
                    if (noteText.Trim().Length > 0)
                    {
                        writer.Append($"Speaker notes: {StructuredTextWriter.CollapseWhitespace(noteText)}");
                        writer.EndBlock();
                    }
                }
            }
            var packageTitle = StructuredTextWriter.CollapseWhitespace(document.PackageProperties.Title ?? string.Empty);
            return new ExtractedText(writer.ToString(), packageTitle.Length > 0 ? packageTitle : firstTitle);
        }
        catch (DocumentUnreadableException)
        {
            throw;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            throw new DocumentUnreadableException($"The PPTX file could not be read: {e.Message}", e);
        }
    }

    private static void Paragraphs(StructuredTextWriter writer, Shape shape)
    {
        foreach (var paragraph in shape.Descendants<Drawing.Paragraph>())
        {
            writer.Append(StructuredTextWriter.CollapseWhitespace(paragraph.InnerText));
            writer.EndBlock();
        }
    }

    private static PlaceholderValues? PlaceholderType(Shape shape) =>
        shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.GetFirstChild<PlaceholderShape>()?.Type?.Value;

    private static bool IsTitle(Shape shape) => PlaceholderType(shape) is { } type && (type == PlaceholderValues.Title || type == PlaceholderValues.CenteredTitle);

    /// <summary>A notes page also holds the slide's picture and its number; only the body placeholder is what was written.</summary>
    private static bool IsNotesBody(Shape shape) =>
        shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.GetFirstChild<PlaceholderShape>() is { } placeholder
        && (placeholder.Type is null || placeholder.Type.Value == PlaceholderValues.Body);
}
