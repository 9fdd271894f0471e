namespace RagPlatform.Core.Storage;

/// <summary>
/// SQL for what a document shows its tenant, in one place: the id without the tenant prefix of its key, and the
/// title (given, else the file name, else that id). <paramref name="table"/> is the documents table's name or alias.
/// </summary>
public static class DocumentColumns
{
    public static string Id(string table) => $"substr({table}.id, length({table}.tenant) + 2)";

    public static string Title(string table) => $"coalesce({table}.title, {table}.file_name, {Id(table)})";
}
