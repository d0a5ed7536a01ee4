import type { DemoMember } from './doc-edits.js'
import type { Post } from './protocol-meeting.js'

interface AnnouncedMap {
  activityChanges: { changeId: string; lanes: { laneId: string; subject: string }[] }[]
}

/**
 * After the protocol meeting shortened the fermentation, the chemistry teacher announces the change to every
 * lane of the tape ketan map; the mathematics and biology teachers have reviewed theirs, the others not yet.
 */
export async function announceFermentationChange(
  post: Post,
  mapId: string,
  cast: { chemistry: DemoMember; reviewers: { member: DemoMember; subject: string }[] },
): Promise<void> {
  const path = `/api/maps/${mapId}/activity-changes`
  const map = await post<AnnouncedMap>(
    path,
    {
      summary:
        'Fermentasi dipersingkat dari tiga hari menjadi dua hari (rapat protokol Maret): sesuaikan jadwal, tugas dan penilaian jalur Anda.',
    },
    cast.chemistry.token,
  )
  const change = map.activityChanges.at(-1)
  if (!change) throw new Error('the fermentation change was not announced')
  for (const { member, subject } of cast.reviewers) {
    const lane = change.lanes.find((entry) => entry.subject.startsWith(subject))
    if (lane) await post(`${path}/${change.changeId}/acknowledge`, { laneId: lane.laneId }, member.token)
  }
}
