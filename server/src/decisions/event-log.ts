import type { JsonValue } from '@rembuk/domain'
import type { EventStore, RecordedEvent } from '@rembuk/event-store'

/** One event of a meeting or a decision, ready to be put in words: what happened, who did it, when. */
export interface LoggedEvent {
  type: string
  actorId: string
  actorName: string
  at: string
  data: JsonValue
}

/** Every event of a stream, oldest first. */
export async function readStreamEvents(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = []
  for await (const event of store.readStream(stream)) events.push(event)
  return events
}

/** The name recorded with the event, else the member's name now, else their id. */
export function logged(event: RecordedEvent, nameOf: (memberId: string) => string | undefined): LoggedEvent {
  const actorId = event.metadata.actorId
  return {
    type: event.type,
    actorId,
    actorName: event.metadata.actorName ?? nameOf(actorId) ?? actorId,
    at: event.created.toISOString(),
    data: event.data,
  }
}
