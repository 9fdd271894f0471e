using MimeKit;

namespace RagPlatform.Core.Extraction;

/// <summary>
/// A mail (RFC 822, .eml) to text with MimeKit: the subject as heading and title, the sender, recipients and date, the
/// body (the plain text part, else the HTML part's text), and the names of its attachments; the attachments themselves
/// (<see cref="Attachments"/>) are ingested as documents of their own, linked to the mail.
/// </summary>
public sealed class EmlTextExtractor : IBinaryTextExtractor
{
    public string ContentType => ContentTypes.Eml;

    public ExtractedText Extract(ReadOnlyMemory<byte> content)
    {
        var message = Load(content);
        var writer = new StructuredTextWriter();
        var subject = StructuredTextWriter.CollapseWhitespace(message.Subject ?? string.Empty);
        writer.Heading(1, subject);
        var headers = new List<string> { $"From: {message.From}", $"To: {message.To}" };
        if (message.Cc.Count > 0)
        {
            headers.Add($"Cc: {message.Cc}");
        }
        if (message.Date != DateTimeOffset.MinValue)
        {
            headers.Add($"Date: {message.Date:yyyy-MM-dd HH:mm zzz}");
        }
        writer.Append(string.Join("\n", headers), "\n");
        writer.EndBlock();

        var body = message.TextBody ?? (message.HtmlBody is { } html ? new HtmlTextExtractor().Extract(html).Text : null);
        if (body is not null)
        {
            writer.Preformatted(body);
        }
        var names = message.Attachments.Select(FileName).ToList();
        if (names.Count > 0)
        {
            writer.Append($"Attachments: {string.Join(", ", names)}");
            writer.EndBlock();
        }
        return new ExtractedText(writer.ToString(), subject.Length > 0 ? subject : null);
    }

    /// <summary>The mail's attachments (a forwarded mail included, as message/rfc822), in order.</summary>
    public static IReadOnlyList<MailAttachment> Attachments(ReadOnlyMemory<byte> content)
    {
        var attachments = new List<MailAttachment>();
        foreach (var entity in Load(content).Attachments)
        {
            using var bytes = new MemoryStream();
            if (entity is MessagePart { Message: { } forwarded })
            {
                forwarded.WriteTo(bytes);
            }
            else if (entity is MimePart { Content: { } part })
            {
                part.DecodeTo(bytes);
            }
            var type = entity is MessagePart ? ContentTypes.Eml : ContentTypes.Normalize(entity.ContentType.MimeType);
            attachments.Add(new MailAttachment(FileName(entity), type, bytes.ToArray()));
        }
        return attachments;
    }

    private static MimeMessage Load(ReadOnlyMemory<byte> content)
    {
        try
        {
            return MimeMessage.Load(new MemoryStream(content.ToArray(), writable: false));
        }
        catch (Exception e) when (e is FormatException or ParseException)
        {
            throw new DocumentUnreadableException($"The mail could not be read: {e.Message}", e);
        }
    }

    private static string FileName(MimeEntity entity) =>
        entity.ContentDisposition?.FileName ?? entity.ContentType.Name ?? (entity is MessagePart { Message.Subject: { } subject } ? subject + ".eml" : "attachment");
}
