import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Knowledge bases → documents → chunks. Each chunk carries its position (character offsets in
 * the extracted text and the heading path above it) and a generated `tsvector` with the title
 * weighted above the headings above the body, in the knowledge base's language. Embeddings live
 * in their own table, created only where the `vector` extension is available (PGlite ships it;
 * Postgres needs pgvector installed): without it everything else works on full text alone.
 */
export class Knowledge1796000000000 implements MigrationInterface {
  name = 'Knowledge1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE knowledge_bases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        language regconfig NOT NULL DEFAULT 'english',
        chunk_size integer NOT NULL DEFAULT 1000,
        chunk_overlap integer NOT NULL DEFAULT 150,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT knowledge_bases_chunking CHECK (chunk_size > 0 AND chunk_overlap >= 0 AND chunk_overlap < chunk_size)
      )`);

    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        knowledge_base_id uuid NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
        title text NOT NULL,
        source text,
        type varchar(16) NOT NULL,
        size_bytes integer NOT NULL,
        chunk_count integer NOT NULL DEFAULT 0,
        status varchar(16) NOT NULL DEFAULT 'ready',
        progress real NOT NULL DEFAULT 1,
        error text,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT documents_status CHECK (status IN ('ready', 'embedding', 'failed'))
      )`);
    // Same title or same source within a knowledge base is the same document: re-uploads replace.
    await q.query(
      `CREATE UNIQUE INDEX documents_title ON documents (knowledge_base_id, lower(title))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX documents_source ON documents (knowledge_base_id, source) WHERE source IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX documents_embedding ON documents (status) WHERE status = 'embedding'`,
    );

    await q.query(`
      CREATE TABLE chunks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        knowledge_base_id uuid NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
        chunk_index integer NOT NULL,
        title text NOT NULL,
        content text NOT NULL,
        headings text[] NOT NULL DEFAULT '{}',
        heading_text text NOT NULL DEFAULT '',
        start_offset integer NOT NULL,
        end_offset integer NOT NULL,
        language regconfig NOT NULL,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector(language, title), 'A') ||
          setweight(to_tsvector(language, heading_text), 'B') ||
          setweight(to_tsvector(language, content), 'D')
        ) STORED,
        CONSTRAINT chunks_position UNIQUE (document_id, chunk_index)
      )`);
    await q.query(`CREATE INDEX chunks_search ON chunks USING gin (search)`);
    await q.query(`CREATE INDEX chunks_knowledge_base ON chunks (knowledge_base_id)`);

    const available = (await q.query(
      `SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`,
    )) as unknown[];
    if (available.length === 0) return;
    await q.query(`CREATE EXTENSION IF NOT EXISTS vector`);
    // No fixed dimension: the model decides it, and rows are compared within one model only.
    await q.query(`
      CREATE TABLE chunk_embeddings (
        chunk_id uuid PRIMARY KEY REFERENCES chunks (id) ON DELETE CASCADE,
        knowledge_base_id uuid NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
        model text NOT NULL,
        embedding vector NOT NULL
      )`);
    await q.query(
      `CREATE INDEX chunk_embeddings_model ON chunk_embeddings (knowledge_base_id, model)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS chunk_embeddings`);
    await q.query(`DROP TABLE IF EXISTS chunks`);
    await q.query(`DROP TABLE IF EXISTS documents`);
    await q.query(`DROP TABLE IF EXISTS knowledge_bases`);
  }
}
