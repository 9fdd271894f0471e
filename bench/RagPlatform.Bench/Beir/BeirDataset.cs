using System.Text.Json;

namespace RagPlatform.Bench.Beir;

/// <summary>Reads the BEIR layout: corpus.jsonl, queries.jsonl and qrels/{split}.tsv.</summary>
public static class BeirDataset
{
    public static IEnumerable<CorpusDocument> ReadCorpus(DirectoryInfo dataset, int? limit = null)
    {
        var documents = ReadJsonLines<CorpusDocument>(Path.Combine(dataset.FullName, "corpus.jsonl"));
        return limit is { } n ? documents.Take(n) : documents;
    }

    public static Dictionary<string, string> ReadQueries(DirectoryInfo dataset) =>
        ReadJsonLines<BeirQuery>(Path.Combine(dataset.FullName, "queries.jsonl"))
            .ToDictionary(query => query.Id, query => query.Text);

    /// <summary>The queries with at least one relevant document in <paramref name="qrels"/>: the ones that are scored.</summary>
    public static List<KeyValuePair<string, string>> ReadJudgedQueries(DirectoryInfo dataset, IReadOnlyDictionary<string, Dictionary<string, int>> qrels) =>
        ReadQueries(dataset)
            .Where(query => qrels.TryGetValue(query.Key, out var judged) && judged.Values.Any(relevance => relevance > 0))
            .ToList();

    /// <summary>query id → (corpus id → graded relevance).</summary>
    public static Dictionary<string, Dictionary<string, int>> ReadQrels(DirectoryInfo dataset, string split)
    {
        var path = Path.Combine(dataset.FullName, "qrels", split + ".tsv");
        var qrels = new Dictionary<string, Dictionary<string, int>>();
        foreach (var line in File.ReadLines(path).Skip(1)) // header: query-id, corpus-id, score
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var fields = line.Split('\t');
            if (fields.Length < 3 || !int.TryParse(fields[2], out var score))
            {
                throw new FormatException($"{path}: expected 'query-id<TAB>corpus-id<TAB>score', got '{line}'.");
            }
            if (!qrels.TryGetValue(fields[0], out var judged))
            {
                qrels[fields[0]] = judged = [];
            }
            judged[fields[1]] = score;
        }
        return qrels;
    }

    private static IEnumerable<T> ReadJsonLines<T>(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            yield return JsonSerializer.Deserialize<T>(line)
                ?? throw new FormatException($"{path}:{lineNumber}: not a JSON object.");
        }
    }
}
