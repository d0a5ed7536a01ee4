import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Injectable, type OnApplicationShutdown } from '@nestjs/common'
import Database from 'better-sqlite3'
import { AppConfig } from '../config/app-config.js'

export interface Credentials {
  memberId: string
  schoolId: string
  email: string
  passwordHash: string
}

export interface Invitation {
  memberId: string
  schoolId: string
  email: string
  expires: Date
}

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

/**
 * Password hashes and invitation codes. They are secrets that must be replaceable and removable, so they live
 * beside the event log, never in it: the log records that a member exists, not how they sign in.
 */
@Injectable()
export class CredentialStore implements OnApplicationShutdown {
  private readonly db: Database.Database

  constructor(config: AppConfig) {
    mkdirSync(config.dataDir, { recursive: true })
    this.db = new Database(join(config.dataDir, 'rembuk.db'))
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = FULL')
    this.db.pragma('busy_timeout = 5000')
    this.db.exec(schema)
  }

  byEmail(email: string): Credentials | undefined {
    const row = this.db
      .prepare<[string], { member_id: string; school_id: string; email: string; password_hash: string }>(
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

  /** Sets a member's password hash; false when the email already signs in another member. */
  save(credentials: Credentials): boolean {
    const taken = this.byEmail(credentials.email)
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

  remove(memberId: string): void {
    this.db.prepare('DELETE FROM credentials WHERE member_id = ?').run(memberId)
    this.db.prepare('DELETE FROM invitations WHERE member_id = ?').run(memberId)
  }

  /** Stores an invitation by the hash of its code, replacing any earlier one for the member. */
  saveInvitation(codeHash: string, invitation: Invitation): void {
    this.db.prepare('DELETE FROM invitations WHERE member_id = ?').run(invitation.memberId)
    this.db
      .prepare(
        'INSERT INTO invitations (code_hash, member_id, school_id, email, expires) VALUES (?, ?, ?, ?, ?)',
      )
      .run(codeHash, invitation.memberId, invitation.schoolId, invitation.email, invitation.expires.getTime())
  }

  /** Takes an invitation out (it can be used once); undefined when unknown or expired. */
  takeInvitation(codeHash: string): Invitation | undefined {
    const row = this.db
      .prepare<[string], { member_id: string; school_id: string; email: string; expires: number }>(
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

  onApplicationShutdown(): void {
    this.db.close()
  }
}
