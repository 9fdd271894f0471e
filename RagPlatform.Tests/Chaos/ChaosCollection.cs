namespace RagPlatform.Tests.Chaos;

/// <summary>
/// The chaos scenario: the longest test by far, so <see cref="Infrastructure.LongestFirstCollectionOrderer"/> starts it
/// first and the rest of the suite runs beside it.
/// </summary>
[CollectionDefinition(Name)]
[Trait("Category", "Chaos")]
public sealed class ChaosCollection
{
    public const string Name = "chaos";
}
