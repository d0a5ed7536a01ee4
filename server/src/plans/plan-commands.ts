import { randomBytes } from 'node:crypto'
import { Inject, Injectable } from '@nestjs/common'
import { startLessonPlan } from '@rembuk/collab'
import {
  CommandRefused,
  createEventOf,
  decidePlan,
  type PlanCommand,
  planEventDefinitions,
  planStream,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import * as Y from 'yjs'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { runCommand } from '../common/run-command.js'
import { appendFirstContent } from '../documents/first-content.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { PlanDirectory } from './plan-directory.js'

@Injectable()
export class PlanCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly plans: PlanDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  /** Starts a plan; its Yjs document gets an id of its own and starts with an empty paragraph in every field. */
  async create(
    by: SessionMember,
    input: { title: string; grade: string; subjects: string[]; team?: string[] },
  ) {
    const planId = `pl_${randomBytes(9).toString('base64url')}`
    const docId = `rencana-${planId}`
    const command: PlanCommand = { type: 'CreatePlan', planId, schoolId: by.schoolId, docId, ...input }
    await this.execute(by, planId, command)
    const doc = new Y.Doc()
    startLessonPlan(doc)
    try {
      await appendFirstContent(this.store, docId, doc, this.metadata(by))
    } finally {
      doc.destroy()
    }
    return this.require(by, planId)
  }

  execute(by: SessionMember, planId: string, command: PlanCommand): Promise<void> {
    const actor = this.schools.actor(by)
    const metadata = this.metadata(by)
    return runCommand({
      store: this.store,
      stream: planStream(planId),
      what: 'plan',
      decide: () => {
        const entry = command.type === 'CreatePlan' ? undefined : this.requireEntry(by, planId)
        const events = decidePlan(command, entry?.state, actor).map((e) =>
          createEventOf(planEventDefinitions, e, metadata),
        )
        return { events, expected: entry?.revision ?? 'no_stream' }
      },
      settled: (position) => this.plans.waitFor(position),
    })
  }

  /** The plan, if it belongs to the member's school; not found otherwise, whether or not it exists elsewhere. */
  require(by: SessionMember, planId: string) {
    return this.requireEntry(by, planId).state
  }

  private requireEntry(by: SessionMember, planId: string) {
    const entry = this.plans.get(planId)
    if (!entry || entry.state.schoolId !== by.schoolId) throw new CommandRefused('not_found', 'No such plan')
    return entry
  }

  private metadata(by: SessionMember) {
    return { actorId: by.memberId, actorName: by.name, schoolId: by.schoolId }
  }
}
