import type { Session } from '../../../tests/support/school.js'
import { CredentialStore } from '../../src/accounts/credential-store.js'
import { hashPassword } from '../../src/accounts/passwords.js'
import { SchoolCommands } from '../../src/schools/school-commands.js'
import { call } from './http.js'
import type { TestServer } from './test-server.js'

/**
 * A second school in the same server, whose principal is signed in: the setup route takes one school only,
 * so it is set up with the school's command and given a password directly.
 */
export async function signedInOtherSchool(server: TestServer): Promise<Session> {
  const other = { schoolId: 'sch_lain', memberId: 'm_lain', email: 'kepala@lain.sch.id' }
  await server.app.get(SchoolCommands).execute(
    other.schoolId,
    {
      type: 'SetUpSchool',
      schoolId: other.schoolId,
      name: 'SMP Lain',
      principal: { memberId: other.memberId, name: 'Kepala Lain', email: other.email },
    },
    { actorId: other.memberId, schoolId: other.schoolId },
  )
  server.app.get(CredentialStore).save({ ...other, passwordHash: await hashPassword('sandi-sekolah-lain') })
  const login = await call(server, 'POST', '/api/auth/login', undefined, {
    email: other.email,
    password: 'sandi-sekolah-lain',
  })
  return login.body as Session
}
