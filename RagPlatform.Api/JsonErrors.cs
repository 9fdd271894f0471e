using System.Text.Json;

namespace RagPlatform.Api;

/// <summary>What a <see cref="JsonException"/> says to a client.</summary>
public static class JsonErrors
{
    /// <summary>
    /// The reader's message names the position ("Path: $.topK | LineNumber: 0 ..."); when it only says a value
    /// "could not be converted", the inner exception holds the cause (bytes that are not UTF-8, say).
    /// </summary>
    public static string Describe(JsonException json) =>
        json.InnerException is { } cause and not JsonException ? $"{cause.Message} {json.Message}" : json.Message;
}
