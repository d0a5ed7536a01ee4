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

/**
 * Password hashes and invitation codes. They are secrets that must be replaceable and removable, so they live
 * beside the event log, never in it: the log records that a member exists, not how they sign in. On
 * PostgreSQL they are tables of the store's database, which every replica reaches; on the embedded store,
 * tables of its SQLite file.
 */
export abstract class CredentialStore {
  abstract byEmail(email: string): Promise<Credentials | undefined>
  /** Sets a member's password hash; false when the email already signs in another member. */
  abstract save(credentials: Credentials): Promise<boolean>
  abstract remove(memberId: string): Promise<void>
  /** Stores an invitation by the hash of its code, replacing any earlier one for the member. */
  abstract saveInvitation(codeHash: string, invitation: Invitation): Promise<void>
  /** Takes an invitation out (it can be used once); undefined when unknown or expired. */
  abstract takeInvitation(codeHash: string): Promise<Invitation | undefined>
  abstract close(): Promise<void>

  onApplicationShutdown(): Promise<void> {
    return this.close()
  }
}
