import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { CredentialStore, type Credentials, type Invitation } from './credential-store.js'

const schema = `
CREATE TABLE IF NOT EXISTS credentials (
  member_id     TEXT PRIMARY KEY,
  school_id     TEXT NOT NULL,
  email         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  updated       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS invitations (
  code_hash TEXT PRIMARY KEY,
  member_id TEXT NOT NULL UNIQUE,
  school_id TEXT NOT NULL,
  email     TEXT NOT NULL,
  expires   INTEGER NOT NULL
);
`

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
  expires: number
}

/** The credential tables in the embedded store's SQLite file. */
export class SqliteCredentialStore extends CredentialStore {
  private readonly db: Database.Database

  constructor(file: string) {
    super()
    mkdirSync(dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = FULL')
    this.db.pragma('busy_timeout = 5000')
    this.db.exec(schema)
  }

  async byEmail(email: string): Promise<Credentials | undefined> {
    const row = this.db
      .prepare<[string], CredentialRow>(
        'SELECT member_id, school_id, email, password_hash FROM credentials WHERE email = ?',
      )
      .get(email)
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
    const taken = await this.byEmail(credentials.email)
    if (taken && taken.memberId !== credentials.memberId) return false
    this.db
      .prepare(
        `INSERT INTO credentials (member_id, school_id, email, password_hash, updated) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (member_id) DO UPDATE SET email = excluded.email, password_hash = excluded.password_hash,
         updated = excluded.updated`,
      )
      .run(
        credentials.memberId,
        credentials.schoolId,
        credentials.email,
        credentials.passwordHash,
        Date.now(),
      )
    return true
  }

  async remove(memberId: string): Promise<void> {
    this.db.prepare('DELETE FROM credentials WHERE member_id = ?').run(memberId)
    this.db.prepare('DELETE FROM invitations WHERE member_id = ?').run(memberId)
  }

  async saveInvitation(codeHash: string, invitation: Invitation): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM invitations WHERE member_id = ?').run(invitation.memberId)
      this.db
        .prepare(
          'INSERT INTO invitations (code_hash, member_id, school_id, email, expires) VALUES (?, ?, ?, ?, ?)',
        )
        .run(
          codeHash,
          invitation.memberId,
          invitation.schoolId,
          invitation.email,
          invitation.expires.getTime(),
        )
    })()
  }

  async takeInvitation(codeHash: string): Promise<Invitation | undefined> {
    const row = this.db
      .prepare<[string], InvitationRow>(
        'DELETE FROM invitations WHERE code_hash = ? RETURNING member_id, school_id, email, expires',
      )
      .get(codeHash)
    if (!row || row.expires < Date.now()) return undefined
    return {
      memberId: row.member_id,
      schoolId: row.school_id,
      email: row.email,
      expires: new Date(row.expires),
    }
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
