export const schemaVersion = 1

export const schema = `
CREATE TABLE IF NOT EXISTS events (
  position   INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT    NOT NULL UNIQUE,
  stream_id  TEXT    NOT NULL,
  revision   INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  data       TEXT    NOT NULL,
  payload    BLOB,
  metadata   TEXT    NOT NULL,
  created    INTEGER NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  subscriber_id TEXT PRIMARY KEY,
  position      INTEGER NOT NULL,
  updated       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshots (
  key      TEXT    NOT NULL,
  revision INTEGER NOT NULL,
  state    BLOB    NOT NULL,
  created  INTEGER NOT NULL,
  PRIMARY KEY (key, revision)
);
`
