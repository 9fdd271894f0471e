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
                title         text,                 -- null: taken from the content (first heading) at indexing
                content_type  text NOT NULL,
                file_name     text,
                content       bytea NOT NULL,       -- the document as uploaded: UTF-8 text or a PDF/DOCX file
                content_hash  bytea NOT NULL,       -- SHA-256 of content: same-content uploads reuse chunks
                version       int NOT NULL DEFAULT 1,
                metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
                status        text NOT NULL CHECK (status IN ('queued', 'processing', 'indexed', 'failed')),
                error         text,
                current_step  text,
                attempts      int NOT NULL DEFAULT 0,
                chunk_count   int NOT NULL DEFAULT 0,
                created_at    timestamptz NOT NULL,
                updated_at    timestamptz NOT NULL
            );
            CREATE INDEX documents_created ON documents (created_at DESC, id DESC);
            CREATE INDEX documents_collection ON documents (collection);
            CREATE INDEX documents_content ON documents (collection, content_hash) WHERE status = 'indexed';

            CREATE TABLE chunks (
                id            uuid PRIMARY KEY,
                document_id   text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                ordinal       int NOT NULL,
                text          text NOT NULL,
                start_offset  int NOT NULL,
                end_offset    int NOT NULL,
                token_count   int NOT NULL,
                heading_path  text,
                page_number   int,
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

            -- A repeated upload with the same Idempotency-Key gets the first response back.
            CREATE TABLE idempotency_keys (
                key           text PRIMARY KEY,
                request_hash  bytea NOT NULL,
                status_code   int NOT NULL,
                response      jsonb NOT NULL,
                created_at    timestamptz NOT NULL
            );

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
        new(2, "tenants: tenant-scoped document keys, API keys", """
            -- A document's key becomes {tenant}/{id}: the client's id is unique within its tenant only.
            -- Keys change below, so the references to them follow (ON UPDATE CASCADE).
            ALTER TABLE documents ADD COLUMN tenant text NOT NULL DEFAULT 'default';
            ALTER TABLE chunks DROP CONSTRAINT chunks_document_id_fkey,
                ADD CONSTRAINT chunks_document_id_fkey FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE ON UPDATE CASCADE;
            ALTER TABLE ingestion_jobs DROP CONSTRAINT ingestion_jobs_document_id_fkey,
                ADD CONSTRAINT ingestion_jobs_document_id_fkey FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE ON UPDATE CASCADE;
            UPDATE documents SET id = 'default/' || id;
            UPDATE index_changes SET document_id = 'default/' || document_id;
            UPDATE idempotency_keys SET key = 'default/' || key;
            ALTER TABLE documents ALTER COLUMN tenant DROP DEFAULT,
                ADD CONSTRAINT documents_key_has_tenant CHECK (starts_with(id, tenant || '/'));

            DROP INDEX documents_created;
            DROP INDEX documents_collection;
            DROP INDEX documents_content;
            CREATE INDEX documents_created ON documents (tenant, created_at DESC, id DESC);
            CREATE INDEX documents_collection ON documents (tenant, collection);
            CREATE INDEX documents_content ON documents (tenant, collection, content_hash) WHERE status = 'indexed';

            -- Keys for machine clients. Only a SHA-256 of the secret is kept: a leaked table reveals no key.
            CREATE TABLE api_keys (
                id            uuid PRIMARY KEY,
                tenant        text NOT NULL,
                name          text NOT NULL,
                roles         text[] NOT NULL,
                secret_hash   bytea NOT NULL UNIQUE,
                created_at    timestamptz NOT NULL,
                revoked_at    timestamptz
            );
            CREATE INDEX api_keys_tenant ON api_keys (tenant, created_at);
            """),
        new(3, "full-text search over chunks, the keyword fallback while the index is down", """
            -- Generated from the chunk's text, so every writer (COPY included) keeps it current without knowing of it.
            ALTER TABLE chunks ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED;
            CREATE INDEX chunks_search ON chunks USING GIN (search_vector);
            """),
        new(4, "index projections: durable checkpoints of the projectors that follow index_changes", """
            -- How far each durable projection of index_changes (Qdrant) has applied the log. Only the
            -- projection's single active instance writes its row, and only forward.
            CREATE TABLE index_projections (
                name          text PRIMARY KEY,
                applied_seq   bigint NOT NULL,
                updated_at    timestamptz NOT NULL
            );
            -- A document's latest change: GET /documents/{id} tells whether this instance's index reflects it.
            CREATE INDEX index_changes_document ON index_changes (document_id, seq DESC);
            """),
        new(5, "embedding checkpoints (an interrupted job resumes), OCR confidence of chunks", """
            -- Vectors embedded so far by a job in progress, one row per chunk, kept until the index step moves them into
            -- chunks. input_hash is SHA-256 of the model and of the exact text embedded (title and chunk), so a
            -- resumed job reuses a vector only for the very same input: new content or another model embeds afresh.
            CREATE TABLE embedding_checkpoints (
                document_id   text NOT NULL REFERENCES documents (id) ON DELETE CASCADE ON UPDATE CASCADE,
                ordinal       int NOT NULL,
                input_hash    bytea NOT NULL,
                embedding     real[] NOT NULL,
                PRIMARY KEY (document_id, ordinal)
            );
            -- How far the embedding of a document has come, for GET /documents/{id}: chunks embedded of chunk_count,
            -- and since when this attempt has run (started_at, resumed_from) for an estimate of the time left.
            CREATE TABLE embedding_progress (
                document_id     text PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE ON UPDATE CASCADE,
                chunk_count     int NOT NULL,
                chunks_embedded int NOT NULL,
                resumed_from    int NOT NULL,
                started_at      timestamptz NOT NULL,
                updated_at      timestamptz NOT NULL
            );
            -- Null: the chunk's text was read from a text layer; else it was recognised from an image (OCR, issue 12)
            -- with this mean word confidence (0-100). Indexes carry it as the chunk's metadata ocr / ocrConfidence.
            ALTER TABLE chunks ADD COLUMN ocr_confidence real;
            """),
        new(6, "a mail's attachments found by the mail's id (deleting a mail deletes them)", """
            CREATE INDEX documents_attachment_of ON documents (tenant, (metadata ->> 'attachmentOf')) WHERE metadata ? 'attachmentOf';
            """),
        new(7, "OCR progress of a document being read (pages recognised of the pages to recognise)", """
            -- How far text recognition of a document has come, for GET /documents/{id} while a long scan is read: pages
            -- recognised of page_count, the pages that need it. Removed with the embedding progress when the document is indexed.
            CREATE TABLE ocr_progress (
                document_id      text PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE ON UPDATE CASCADE,
                page_count       int NOT NULL,
                pages_recognised int NOT NULL,
                started_at       timestamptz NOT NULL,
                updated_at       timestamptz NOT NULL
            );
            """),
    ];
}
