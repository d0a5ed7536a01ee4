import type { Pool } from 'pg'
import { CredentialStore, type Credentials, type Invitation } from './credential-store.js'

const schema = `
CREATE TABLE IF NOT EXISTS rembuk_credentials (
  member_id     text        PRIMARY KEY,
  school_id     text        NOT NULL,
  email         text        NOT NULL,
  password_hash text        NOT NULL,
  updated       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT rembuk_credentials_email_unique UNIQUE (email)
);
CREATE TABLE IF NOT EXISTS rembuk_invitations (
  code_hash text        PRIMARY KEY,
  member_id text        NOT NULL UNIQUE,
  school_id text        NOT NULL,
  email     text        NOT NULL,
  expires   timestamptz NOT NULL
);
`

const uniqueViolation = '23505'

interface CredentialRow {
  member_id: string
  school_id: string
  email: string
  password_hash: string
}

interface InvitationRow {
  member_id: string
  school_id: string
  email: string
  expires: Date
}

/** The credential tables in the event store's PostgreSQL database, shared by every replica. */
export class PostgresCredentialStore extends CredentialStore {
  private constructor(private readonly pool: Pool) {
    super()
  }

  /** Creates the tables if needed; replicas starting together take turns. */
  static async open(pool: Pool): Promise<PostgresCredentialStore> {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await client.query("SELECT pg_advisory_xact_lock(hashtext('rembuk_credentials_schema'), 0)")
      await client.query(schema)
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
    return new PostgresCredentialStore(pool)
  }

  async byEmail(email: string): Promise<Credentials | undefined> {
    const { rows } = await this.pool.query<CredentialRow>(
      'SELECT member_id, school_id, email, password_hash FROM rembuk_credentials WHERE email = $1',
      [email],
    )
    const row = rows[0]
    return (
      row && {
        memberId: row.member_id,
        schoolId: row.school_id,
        email: row.email,
        passwordHash: row.password_hash,
      }
    )
  }

  async save(credentials: Credentials): Promise<boolean> {
    try {
      await this.pool.query(
        `INSERT INTO rembuk_credentials (member_id, school_id, email, password_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (member_id) DO UPDATE SET email = excluded.email, password_hash = excluded.password_hash,
         updated = now()`,
        [credentials.memberId, credentials.schoolId, credentials.email, credentials.passwordHash],
      )
      return true
    } catch (error) {
      if ((error as { code?: string }).code === uniqueViolation) return false
      throw error
    }
  }

  async remove(memberId: string): Promise<void> {
    await this.pool.query(
      `WITH gone AS (DELETE FROM rembuk_invitations WHERE member_id = $1)
       DELETE FROM rembuk_credentials WHERE member_id = $1`,
      [memberId],
    )
  }

  async saveInvitation(codeHash: string, invitation: Invitation): Promise<void> {
    await this.pool.query(
      `INSERT INTO rembuk_invitations (code_hash, member_id, school_id, email, expires) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (member_id) DO UPDATE SET code_hash = excluded.code_hash, school_id = excluded.school_id,
       email = excluded.email, expires = excluded.expires`,
      [codeHash, invitation.memberId, invitation.schoolId, invitation.email, invitation.expires],
    )
  }

  async takeInvitation(codeHash: string): Promise<Invitation | undefined> {
    const { rows } = await this.pool.query<InvitationRow>(
      'DELETE FROM rembuk_invitations WHERE code_hash = $1 RETURNING member_id, school_id, email, expires',
      [codeHash],
    )
    const row = rows[0]
    if (!row || row.expires.getTime() < Date.now()) return undefined
    return { memberId: row.member_id, schoolId: row.school_id, email: row.email, expires: row.expires }
  }

  async close(): Promise<void> {}
}
