import { type Session, setUpSchool } from '../../support/school.js'
import type { ServerProcess } from '../../support/server-process.js'
import type { LoadSeat } from './load-crowd.js'

/**
 * A school with one plan per document and enough teachers that none holds more connections than the server
 * allows one member. Seat k is client ⌊k / documents⌋ of document k mod documents and belongs to teacher
 * ⌊k / limit⌋, so each teacher has the plans of consecutive documents open, each plan's team holding every
 * teacher who opens it.
 */
export async function seatSchool(
  server: ServerProcess,
  options: { documents: number; clientsPerDocument: number; env?: Record<string, string> },
) {
  const perMember = Number(options.env?.REMBUK_MAX_CONNECTIONS_PER_MEMBER ?? 20)
  const total = options.documents * options.clientsPerDocument
  const school = await setUpSchool(server.httpUrl)
  const teachers: Session[] = []
  for (let i = 0; i < Math.ceil(total / perMember); i++) {
    teachers.push(await school.member('teacher', `Guru ${i + 1}`))
  }
  const teacherOf = (k: number) => teachers[Math.floor(k / perMember)] as Session
  const docIds: string[] = []
  for (let d = 0; d < options.documents; d++) {
    const team = new Set<Session>()
    for (let k = d; k < total; k += options.documents) team.add(teacherOf(k))
    docIds.push((await school.plan(`Rencana beban ${d + 1}`, [...team])).docId)
  }
  const seats: LoadSeat[] = []
  for (let k = 0; k < total; k++) {
    const teacher = teacherOf(k)
    const docIndex = k % options.documents
    seats.push({ docIndex, docId: docIds[docIndex] as string, token: teacher.token, name: teacher.user.name })
  }
  return { principal: school.principal, teachers: teachers.length, docIds, seats }
}
