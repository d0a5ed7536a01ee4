import type { TeamTeaching } from '@rembuk/domain'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'

export const teachingView = (entry: DirectoryEntry<TeamTeaching>) => ({
  id: entry.state.teachingId,
  ...entry.state,
  created: entry.created.toISOString(),
  updated: entry.updated.toISOString(),
})
