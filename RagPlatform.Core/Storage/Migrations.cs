namespace RagPlatform.Core.Storage;

/// <summary>The schema, one versioned step at a time. PostgreSQL is the source of truth; indexes are rebuilt from it.</summary>
public static class Migrations
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "documents, chunks, ingestion jobs, index change log", """
            CREATE TABLE documents (
                id            text PRIMARY KEY,
                collection    text NOT NULL,
                title         text NOT NULL,
                content_type  text NOT NULL,
                content       text NOT NULL,
                content_hash  bytea NOT NULL,
                metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
                status        text NOT NULL CHECK (status IN ('queued', 'processing', 'indexed', 'failed')),
                error         text,
                chunk_count   int NOT NULL DEFAULT 0,
                created_at    timestamptz NOT NULL,
                updated_at    timestamptz NOT NULL
            );
            CREATE INDEX documents_created ON documents (created_at DESC, id DESC);
            CREATE INDEX documents_collection ON documents (collection);

            CREATE TABLE chunks (
                id            uuid PRIMARY KEY,
                document_id   text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                ordinal       int NOT NULL,
                text          text NOT NULL,
                start_offset  int NOT NULL,
                end_offset    int NOT NULL,
                token_count   int NOT NULL,
                heading_path  text,
                embedding     real[] NOT NULL,
                UNIQUE (document_id, ordinal)
            );

            -- The durable queue. A job is claimed with FOR UPDATE SKIP LOCKED and a lease; a job whose
            -- lease ran out (its worker died) is claimable again.
            CREATE TABLE ingestion_jobs (
                id            bigserial PRIMARY KEY,
                document_id   text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                status        text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
                attempts      int NOT NULL DEFAULT 0,
                available_at  timestamptz NOT NULL,
                locked_by     text,
                locked_until  timestamptz,
                last_error    text,
                created_at    timestamptz NOT NULL,
                updated_at    timestamptz NOT NULL
            );
            CREATE INDEX ingestion_jobs_claimable ON ingestion_jobs (available_at, id) WHERE status IN ('queued', 'running');

            -- Ordered log of what changed in the searchable set, per document. In-memory indexes replay
            -- it (LISTEN/NOTIFY wakes them); writers append under an advisory lock so that sequence
            -- order equals commit order and a reader never skips a late-committing change.
            CREATE TABLE index_changes (
                seq           bigserial PRIMARY KEY,
                document_id   text NOT NULL,
                operation     text NOT NULL CHECK (operation IN ('upsert', 'delete')),
                created_at    timestamptz NOT NULL DEFAULT now()
            );
            """),
    ];
}
