using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Chunking;

/// <summary>Chunk sizes in model tokens (configuration section <c>Chunking</c>).</summary>
public sealed class ChunkingOptions : IValidatableObject
{
    public const string SectionName = "Chunking";

    /// <summary>Upper bound per chunk; 510 leaves room for [CLS] and [SEP] in a 512-token model.</summary>
    [Range(1, 510)]
    public int MaxTokens { get; set; } = 200;

    /// <summary>About how much of the end of one chunk is repeated at the start of the next, so a fact cut at a boundary is still found.</summary>
    [Range(0, 509)]
    public int OverlapTokens { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OverlapTokens >= MaxTokens)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(OverlapTokens)} ({OverlapTokens}) must be less than {SectionName}:{nameof(MaxTokens)} ({MaxTokens}).",
                [nameof(OverlapTokens)]);
        }
    }
}
