namespace RagPlatform.Client;

// The request bodies as the API reads them; the public requests group the scope's fields, the wire spells them out.
internal sealed record UploadBody(string? Id, string? Title, string Content, string? ContentType, IReadOnlyDictionary<string, string>? Metadata, string? Collection);

internal sealed record MetadataFilterBody(IReadOnlyDictionary<string, IReadOnlyList<string>> Metadata);

internal sealed record SearchBody(string Query, int? TopK, string? Collection, MetadataFilterBody? Filter, double? MinScore);

internal sealed record QueryBody(string Question, int? TopK, string? Collection, MetadataFilterBody? Filter, double? MinScore, IReadOnlyList<ChatTurn>? History);

internal sealed record CreateApiKeyBody(string Name, IReadOnlyList<string> Roles);

internal sealed record DeletionPendingBody(string Id, long IndexSequence);

internal sealed record CitationsPayload(IReadOnlyList<Citation> Citations);

internal sealed record CandidatesPayload(IReadOnlyList<Candidate> Candidates);

internal sealed record DeltaPayload(string Text);

internal sealed record DonePayload(string Mode, IReadOnlyList<string>? Degraded);

internal sealed record ErrorPayload(string Message);

internal sealed record AnswerBody(string Answer, IReadOnlyList<Citation> Citations, string Mode, IReadOnlyList<string>? Degraded, IReadOnlyList<Candidate>? Candidates);
