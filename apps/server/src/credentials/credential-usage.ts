import type { DataSource } from 'typeorm';

export interface WorkflowRef {
  id: string;
  name: string;
}

/**
 * Which live workflows reference which credentials: any node of a workflow's current graph whose
 * `data.credentialId` is the credential's id. One query; `onlyId` narrows it to one credential.
 */
export async function credentialUsage(
  db: Pick<DataSource, 'query'>,
  onlyId?: string,
): Promise<Map<string, WorkflowRef[]>> {
  const rows = await db.query<{ credential_id: string; id: string; name: string }[]>(
    `SELECT DISTINCT lower(n.value->'data'->>'credentialId') AS credential_id, w.id, w.name
       FROM workflows w
       CROSS JOIN LATERAL jsonb_array_elements(
         CASE WHEN jsonb_typeof(w.graph->'nodes') = 'array' THEN w.graph->'nodes' ELSE '[]'::jsonb END
       ) AS n(value)
      WHERE w.deleted_at IS NULL
        AND jsonb_typeof(n.value->'data') = 'object'
        AND n.value->'data'->>'credentialId' IS NOT NULL
        AND ($1::text IS NULL OR lower(n.value->'data'->>'credentialId') = $1)
      ORDER BY w.name`,
    [onlyId ?? null],
  );
  const usage = new Map<string, WorkflowRef[]>();
  for (const row of rows) {
    const list = usage.get(row.credential_id) ?? [];
    list.push({ id: row.id, name: row.name });
    usage.set(row.credential_id, list);
  }
  return usage;
}
