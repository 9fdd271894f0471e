using Lucene.Net.Index;

namespace RagPlatform.Core.Indexing;

/// <summary>What the keyword index knows of a query before ranking (<see cref="KeywordIndex.Statistics"/>).</summary>
/// <param name="Reference">
/// What a chunk holding each of the query's terms (words and whole identifiers) once, at average length, would score by
/// BM25 without the title: the scale of <see cref="RelevanceFeatures.KeywordShare"/>.
/// </param>
/// <param name="Rarest">The query's term held by the fewest chunks (but some), or null when no chunk holds any.</param>
/// <param name="RarestFrequency">How many chunks hold <paramref name="Rarest"/>.</param>
internal readonly record struct KeywordQueryStatistics(double Reference, Term? Rarest, int RarestFrequency);
