import type { Pool } from 'pg'
import { inTransaction } from './pool.js'

/** Channel of the notice each append sends once committed (see append-notice.ts). */
export const appendChannel = 'rembuk_appends'

/**
 * `transaction_id` is what makes reading the log in position order safe (ADR 0012): an event is read only once
 * no transaction older than its own is still running.
 *
 * `rembuk_insert_events` takes the transaction id and every position of one append while holding a lock that
 * no other append holds at the same time, so that a lower position always has a lower (or the same)
 * transaction id. The lock is a session lock released before the commit, so commits are not serialized.
 */
const eventSchema = `
CREATE TABLE IF NOT EXISTS rembuk_events (
  position       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id xid8        NOT NULL DEFAULT pg_current_xact_id(),
  id             uuid        NOT NULL,
  stream_id      text        NOT NULL,
  revision       bigint      NOT NULL,
  type           text        NOT NULL,
  data           json        NOT NULL,
  payload        bytea,
  metadata       json        NOT NULL,
  created        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT rembuk_events_id_unique UNIQUE (id),
  CONSTRAINT rembuk_events_stream_revision_unique UNIQUE (stream_id, revision)
);

CREATE TABLE IF NOT EXISTS rembuk_checkpoints (
  subscriber_id text        PRIMARY KEY,
  position      bigint      NOT NULL,
  updated       timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION rembuk_lock_stream(p_stream text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  current_revision bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));
  SELECT max(revision) INTO current_revision FROM rembuk_events WHERE stream_id = p_stream;
  RETURN current_revision;
END
$$;

CREATE OR REPLACE FUNCTION rembuk_insert_events(
  p_stream text,
  p_first_revision bigint,
  p_ids uuid[],
  p_types text[],
  p_data json[],
  p_payloads bytea[],
  p_metadata json[]
) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  last_position bigint;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'rembuk_insert_events must make the first write of its transaction';
  END IF;
  PERFORM pg_advisory_lock(hashtext('rembuk_events.position'), 0);
  BEGIN
    WITH inserted AS (
      INSERT INTO rembuk_events (id, stream_id, revision, type, data, payload, metadata)
      SELECT e.id, p_stream, p_first_revision + e.n - 1, e.type, e.data, e.payload, e.metadata
      FROM unnest(p_ids, p_types, p_data, p_payloads, p_metadata)
        WITH ORDINALITY AS e(id, type, data, payload, metadata, n)
      ORDER BY e.n
      RETURNING position
    )
    SELECT max(position) INTO last_position FROM inserted;
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    PERFORM pg_advisory_unlock(hashtext('rembuk_events.position'), 0);
    RAISE;
  END;
  PERFORM pg_advisory_unlock(hashtext('rembuk_events.position'), 0);
  RETURN last_position;
END
$$;
`

const snapshotSchema = `
CREATE TABLE IF NOT EXISTS rembuk_snapshots (
  key      text        NOT NULL,
  revision bigint      NOT NULL,
  state    bytea       NOT NULL,
  created  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, revision)
);
`

export const ensureEventSchema = (pool: Pool) => ensureSchema(pool, eventSchema)
export const ensureSnapshotSchema = (pool: Pool) => ensureSchema(pool, snapshotSchema)

/** Idempotent, and safe when several replicas start at once: they take turns. */
function ensureSchema(pool: Pool, ddl: string): Promise<void> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('rembuk_schema'), 0)")
    await client.query(ddl)
  })
}
