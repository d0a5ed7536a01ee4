export interface Session {
  token: string
  user: { memberId: string; schoolId: string; name: string; email: string; role: string }
}

export interface TestPlan {
  id: string
  docId: string
  team: string[]
}

export interface TestSchool {
  principal: Session
  /** Invites a member with this role and accepts the invitation as them. */
  member(role: string, name: string): Promise<Session>
  /** A joint plan started by the principal with these members on its team. */
  plan(title: string, team: Session[]): Promise<TestPlan>
}

export async function post<T>(httpUrl: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${httpUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

/** Sets up a school through the API, as its principal would on first run. */
export async function setUpSchool(httpUrl: string, schoolName = 'SMA Negeri 1 Contoh'): Promise<TestSchool> {
  const principal = await post<Session>(httpUrl, '/api/setup', {
    schoolName,
    name: 'Bu Kepala',
    email: 'kepala@sekolah.sch.id',
    password: 'kata-sandi-kepala',
  })
  let invited = 0
  return {
    principal,
    async member(role, name) {
      invited += 1
      const { invitation } = await post<{ invitation: { code: string } }>(
        httpUrl,
        '/api/members',
        { name, email: `anggota${invited}@sekolah.sch.id`, role },
        principal.token,
      )
      return post<Session>(httpUrl, '/api/auth/accept-invitation', {
        code: invitation.code,
        password: `kata-sandi-${invited}`,
      })
    },
    plan(title, team) {
      const body = {
        title,
        grade: 'XI',
        subjects: ['Matematika', 'Kimia'],
        team: team.map((m) => m.user.memberId),
      }
      return post<TestPlan>(httpUrl, '/api/plans', body, principal.token)
    },
  }
}

/** GET with the session's bearer token. */
export async function getAs<T = unknown>(
  httpUrl: string,
  path: string,
  session: Session,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${httpUrl}${path}`, { headers: { authorization: `Bearer ${session.token}` } })
  return { status: response.status, body: (await response.json()) as T }
}

/** A school whose principal has started one joint plan with one teacher, Bu Sari, on its team. */
export async function schoolWithPlan(
  httpUrl: string,
): Promise<{ principal: Session; teacher: Session; plan: TestPlan }> {
  const school = await setUpSchool(httpUrl)
  const teacher = await school.member('teacher', 'Bu Sari')
  return { principal: school.principal, teacher, plan: await school.plan('Tape ketan', [teacher]) }
}
