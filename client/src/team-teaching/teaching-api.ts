import type {
  LessonPhase,
  PhaseAspect,
  RoleAssignment,
  TaskStage,
  TeachingModel,
  TeamTeaching,
} from '@rembuk/domain'
import { api, apiWithOfflineCopy } from '../api/http.js'

export type TeachingView = TeamTeaching & { id: string; created: string; updated: string }

/** One event of an arrangement as the server logs it: what happened, who did it, when. */
export interface TeachingEventView {
  type: string
  actorId: string
  actorName: string
  at: string
  data: Record<string, unknown>
}

export type TeachingDetail = TeachingView & { events: TeachingEventView[] }

export interface NewTeaching {
  title: string
  className: string
  subjects: string[]
  teachers: string[]
  model: TeachingModel
}

export interface LessonTime {
  date: string
  start: string
  end: string
  place: string
}

const root = '/api/team-teaching'
const pathOf = (teachingId: string) => `${root}/${encodeURIComponent(teachingId)}`
const lessonPath = (teachingId: string, lessonId: string) =>
  `${pathOf(teachingId)}/lessons/${encodeURIComponent(lessonId)}`

export const teachingApi = {
  list: () => apiWithOfflineCopy<TeachingView[]>(root),
  get: (teachingId: string) => apiWithOfflineCopy<TeachingDetail>(pathOf(teachingId)),
  arrange: (body: NewTeaching) => api<TeachingView>(root, { body }),
  schedule: (teachingId: string, body: LessonTime) =>
    api<TeachingView>(`${pathOf(teachingId)}/lessons`, { body }),
  assignRoles: (teachingId: string, lessonId: string, roles: RoleAssignment[]) =>
    api<TeachingView>(`${lessonPath(teachingId, lessonId)}/roles`, { body: { roles } }),
  markTaught: (teachingId: string, lessonId: string) =>
    api<TeachingView>(`${lessonPath(teachingId, lessonId)}/taught`, { method: 'POST' }),
  addTask: (
    teachingId: string,
    lessonId: string,
    body: { memberId: string; stage: TaskStage; text: string },
  ) => api<TeachingView>(`${lessonPath(teachingId, lessonId)}/tasks`, { body }),
  editTask: (teachingId: string, lessonId: string, taskId: string, text: string) =>
    api<TeachingView>(`${lessonPath(teachingId, lessonId)}/tasks/${encodeURIComponent(taskId)}`, {
      body: { text },
    }),
  setTaskDone: (teachingId: string, lessonId: string, taskId: string, done: boolean) =>
    api<TeachingView>(`${lessonPath(teachingId, lessonId)}/tasks/${encodeURIComponent(taskId)}/done`, {
      body: { done },
    }),
  notePhase: (
    teachingId: string,
    lessonId: string,
    body: { phase: LessonPhase; aspect: PhaseAspect; text: string },
  ) => api<TeachingView>(`${lessonPath(teachingId, lessonId)}/phases`, { body }),
  reflect: (teachingId: string, lessonId: string, text: string) =>
    api<TeachingView>(`${lessonPath(teachingId, lessonId)}/reflection`, { body: { text } }),
  proposeConclusion: (teachingId: string, lessonId: string, text: string) =>
    api<TeachingView>(`${lessonPath(teachingId, lessonId)}/conclusion`, { body: { text } }),
  agreeConclusion: (teachingId: string, lessonId: string) =>
    api<TeachingView>(`${lessonPath(teachingId, lessonId)}/conclusion/agree`, { method: 'POST' }),
}
