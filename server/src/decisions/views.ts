import type { Decision, Meeting } from '@rembuk/domain'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'

const times = (entry: DirectoryEntry<unknown>) => ({
  created: entry.created.toISOString(),
  updated: entry.updated.toISOString(),
})

export const meetingView = (entry: DirectoryEntry<Meeting>) => ({
  id: entry.state.meetingId,
  ...entry.state,
  ...times(entry),
})

export const decisionView = (entry: DirectoryEntry<Decision>) => ({
  id: entry.state.decisionId,
  ...entry.state,
  ...times(entry),
})
