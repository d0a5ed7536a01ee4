import { activityMap, activityTemplates, laneTextFields } from '@rembuk/collab'
import type { EventStore } from '@rembuk/event-store'
import type { DocReader } from '../../documents/doc-reader.js'
import { type DemoMember, editAs } from './doc-edits.js'

/**
 * The tape ketan map as its team would build it, one edit at a time: the activity first, then each teacher
 * adds their subject's lane and fills it in, then the links between subjects. A principal replaying the map
 * watches it grow.
 */
export async function buildTapeKetanMap(
  store: EventStore,
  reader: DocReader,
  docId: string,
  teacherOf: (subject: string) => DemoMember,
): Promise<void> {
  const template = activityTemplates.find((t) => t.id === 'tape-ketan')
  if (!template) throw new Error('the tape ketan template is missing')
  const [first] = template.lanes
  if (!first) throw new Error('the tape ketan template has no lanes')
  await editAs(store, reader, docId, teacherOf(first.subject), (doc) =>
    activityMap(doc).setActivity(template.title, template.description),
  )
  const laneIds = new Map<string, string>()
  for (const lane of template.lanes) {
    const teacher = teacherOf(lane.subject)
    await editAs(store, reader, docId, teacher, (doc) => {
      laneIds.set(
        lane.key,
        activityMap(doc).addLane({
          subject: lane.subject,
          teacher: teacher.user.name,
          position: lane.position,
        }),
      )
    })
    for (const field of laneTextFields) {
      const text = lane.texts?.[field]
      if (!text) continue
      await editAs(store, reader, docId, teacher, (doc) =>
        activityMap(doc)
          .laneText(laneIds.get(lane.key) as string, field)
          ?.insert(0, text),
      )
    }
  }
  for (const link of template.links) {
    const from = laneIds.get(link.from)
    const to = laneIds.get(link.to)
    if (!from || !to) continue
    await editAs(
      store,
      reader,
      docId,
      teacherOf(template.lanes.find((l) => l.key === link.from)?.subject ?? ''),
      (doc) => activityMap(doc).link(from, to, link.label),
    )
  }
}
