import { z } from 'zod'
import { defineEvent, type EventOf } from '../events.js'
import { memberIdSchema, schoolIdSchema } from '../school/school-events.js'

export const meetingIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a meeting id is 1-64 letters, digits, "-" or "_"')
export const meetingTitleSchema = z.string().trim().min(1).max(200)
export const agendaKeySchema = z
  .string()
  .regex(/^[a-z0-9-]{1,32}$/, 'an agenda key is 1-32 lowercase letters, digits or "-"')

/** A calendar day, YYYY-MM-DD, that exists. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
  .refine((date) => {
    const day = new Date(`${date}T00:00:00Z`)
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date)
  }, 'no such date')

/** A time of day, HH:MM, 24-hour. */
export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is written HH:MM (00:00-23:59)')

/** The monthly protocol meeting, a teacher learning group (KKG / MGMP), or a team's own meeting. */
export const meetingKinds = ['protocol', 'learning-group', 'team'] as const
export type MeetingKind = (typeof meetingKinds)[number]

export const agendaItemSchema = z.object({ key: agendaKeySchema, title: z.string().trim().min(1).max(300) })
export type AgendaItem = z.infer<typeof agendaItemSchema>
export const agendaSchema = z
  .array(agendaItemSchema)
  .min(1)
  .max(20)
  .refine((items) => new Set(items.map((item) => item.key)).size === items.length, 'agenda keys repeat')

/** The agenda each kind of meeting starts with when none is given; the protocol one is the guidebook's. */
export const defaultAgendas: Readonly<Record<MeetingKind, readonly AgendaItem[]>> = {
  protocol: [
    { key: 'a', title: 'Kemajuan dan kendala kolaborasi (laporan Pusat Penggerak Kolaborasi)' },
    { key: 'b', title: 'Jadwal kegiatan periode berikutnya' },
    { key: 'c', title: 'Urun rembug: apa yang dibutuhkan kolaborasi' },
    { key: 'd', title: 'Dukungan komite sekolah dan pihak luar' },
    { key: 'e', title: 'Langkah baru yang inovatif' },
  ],
  'learning-group': [
    { key: 'a', title: 'Analisis hasil belajar siswa' },
    { key: 'b', title: 'Kebutuhan yang ditemukan' },
    { key: 'c', title: 'Refleksi dan rencana aksi' },
  ],
  team: [{ key: 'a', title: 'Pembahasan' }],
}

export const meetingStreamPrefix = 'meeting-'
export const meetingStream = (meetingId: string): string => `${meetingStreamPrefix}${meetingId}`

export const MeetingScheduled = defineEvent(
  'MeetingScheduled',
  1,
  z.object({
    meetingId: meetingIdSchema,
    schoolId: schoolIdSchema,
    kind: z.enum(meetingKinds),
    title: meetingTitleSchema,
    date: isoDateSchema,
    chair: memberIdSchema,
    agenda: agendaSchema,
  }),
)
export const AttendanceRecorded = defineEvent(
  'AttendanceRecorded',
  1,
  z.object({ memberId: memberIdSchema, present: z.boolean() }),
)
export const MeetingNoteAdded = defineEvent(
  'MeetingNoteAdded',
  1,
  z.object({ agendaKey: agendaKeySchema, text: z.string().trim().min(1).max(5000) }),
)
export const MeetingClosed = defineEvent('MeetingClosed', 1, z.object({}))

export const meetingEventDefinitions = {
  MeetingScheduled,
  AttendanceRecorded,
  MeetingNoteAdded,
  MeetingClosed,
} as const

export type MeetingEvent =
  | EventOf<typeof MeetingScheduled>
  | EventOf<typeof AttendanceRecorded>
  | EventOf<typeof MeetingNoteAdded>
  | EventOf<typeof MeetingClosed>
