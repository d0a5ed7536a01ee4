import { z } from 'zod'
import { decisionIdSchema } from '../decision/decision-events.js'
import { meetingIdSchema } from '../decision/meeting-events.js'
import { defineEvent, type EventOf } from '../events.js'
import { mapIdSchema } from '../map/map-events.js'
import { planIdSchema } from '../plan/plan-events.js'
import { memberIdSchema, schoolIdSchema } from '../school/school-events.js'

export const researchIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a study id is 1-64 letters, digits, "-" or "_"')
export const researchTitleSchema = z.string().trim().min(1).max(200)
export const researchTextSchema = z.string().trim().max(4000)

/** The four steps of every cycle of a school action research. */
export const cycleSteps = ['plan', 'act', 'observe', 'reflect'] as const
export type CycleStep = (typeof cycleSteps)[number]

/** The data-driven cycle, in order: its last step starts the next round. */
export const dataCycleSteps = [
  'collect-data',
  'analyse',
  'conclude',
  'discuss',
  'collect-more',
  'identify-goals',
  'decide-action',
  'teach',
  'collect-results',
  'start-again',
] as const
export type DataCycleStep = (typeof dataCycleSteps)[number]

export const dataKinds = ['perception', 'demographic', 'student-learning', 'school-process'] as const
export type DataKind = (typeof dataKinds)[number]

/** Where the evidence of a data step is: a web address, or a plan, map, decision or meeting of the school. */
export const evidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('url'),
    url: z.url({ protocol: /^https?$/, message: 'evidence is an http(s) address' }).max(2000),
  }),
  z.object({ kind: z.literal('plan'), planId: planIdSchema }),
  z.object({ kind: z.literal('map'), mapId: mapIdSchema }),
  z.object({ kind: z.literal('decision'), decisionId: decisionIdSchema }),
  z.object({ kind: z.literal('meeting'), meetingId: meetingIdSchema }),
])
export type Evidence = z.infer<typeof evidenceSchema>

/** Cycle 0 is the baseline (pra-siklus); cycles 1, 2, … follow it. */
export const cycleNoSchema = z.number().int().min(0).max(20)
/** A score on the instrument's scale, with at most two decimals. */
export const scoreSchema = z
  .number()
  .min(0)
  .max(1000)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'at most two decimals')

/** Lower bounds, in percent of the instrument's maximum: below `cukup` is Kurang, from `baik` on Baik. */
export const thresholdsSchema = z
  .object({ cukup: z.number().min(0).max(100), baik: z.number().min(0).max(100) })
  .refine((t) => t.cukup < t.baik, 'the bound of Cukup is below the bound of Baik')
export type Thresholds = z.infer<typeof thresholdsSchema>

export const instrumentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  maxScore: z.number().positive().max(1000),
})
export type Instrument = z.infer<typeof instrumentSchema>

export const researchStreamPrefix = 'research-'
export const researchStream = (researchId: string): string => `${researchStreamPrefix}${researchId}`

export const ResearchStarted = defineEvent(
  'ResearchStarted',
  1,
  z.object({
    researchId: researchIdSchema,
    schoolId: schoolIdSchema,
    title: researchTitleSchema,
    focus: z.string().trim().min(1).max(500),
    instrument: instrumentSchema,
    teachers: z.array(memberIdSchema).min(1).max(60),
    thresholds: thresholdsSchema,
  }),
)
export const ResearchThresholdsSet = defineEvent('ResearchThresholdsSet', 1, thresholdsSchema)
export const CycleOpened = defineEvent('CycleOpened', 1, z.object({ cycleNo: cycleNoSchema }))
export const CycleStepRecorded = defineEvent(
  'CycleStepRecorded',
  1,
  z.object({ cycleNo: cycleNoSchema, step: z.enum(cycleSteps), text: researchTextSchema, done: z.boolean() }),
)
export const ScoreRecorded = defineEvent(
  'ScoreRecorded',
  1,
  z.object({ cycleNo: cycleNoSchema, memberId: memberIdSchema, score: scoreSchema }),
)
export const DataStepRecorded = defineEvent(
  'DataStepRecorded',
  1,
  z.object({
    cycleNo: cycleNoSchema,
    step: z.enum(dataCycleSteps),
    done: z.boolean(),
    evidence: evidenceSchema.nullable(),
    dataKind: z.enum(dataKinds).nullable(),
    note: z.string().trim().max(1000),
  }),
)

export const researchEventDefinitions = {
  ResearchStarted,
  ResearchThresholdsSet,
  CycleOpened,
  CycleStepRecorded,
  ScoreRecorded,
  DataStepRecorded,
} as const

export type ResearchEvent =
  | EventOf<typeof ResearchStarted>
  | EventOf<typeof ResearchThresholdsSet>
  | EventOf<typeof CycleOpened>
  | EventOf<typeof CycleStepRecorded>
  | EventOf<typeof ScoreRecorded>
  | EventOf<typeof DataStepRecorded>
