import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common'
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets'
import {
  docIdSchema,
  mapStreamPrefix,
  parseEventOf,
  planStreamPrefix,
  recordStreamOf,
  recordStreams,
  type SchoolEvent,
  schoolEventDefinitions,
  schoolStreamPrefix,
} from '@rembuk/domain'
import type { EventStore, RecordedEvent, Subscription } from '@rembuk/event-store'
import type { Server, Socket } from 'socket.io'
import { z } from 'zod'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { AuthGuard } from '../accounts/auth.guard.js'
import { AppConfig } from '../config/app-config.js'
import { MapDirectory } from '../maps/map-directory.js'
import { notificationsFor } from '../notifications/plan-notifications.js'
import { PlanDirectory } from '../plans/plan-directory.js'
import { FreshReads } from '../projections/fresh-reads.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { guardPackets } from './packet-guard.js'
import { presentMembers } from './presence.js'

const docMessage = z.object({ docId: docIdSchema })
const schoolRoom = (schoolId: string) => `school:${schoolId}`
const memberRoom = (memberId: string) => `member:${memberId}`

type Ack = { ok: true } | { ok: false; error: string }

const clientEvents = { open: 'presence:open', close: 'presence:close', list: 'presence:list' } as const
const handledEvents: ReadonlySet<string> = new Set(Object.values(clientEvents))

/**
 * socket.io for everything live that is not document content: who is online and where (`presence:*`),
 * notifications (`notification:new`) and list updates (`plans:changed`, `maps:changed`, `records:changed`).
 * Sessions are checked at the handshake (`auth: { token }`).
 */
@WebSocketGateway({ path: '/socket.io', maxHttpBufferSize: 64 * 1024 })
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(RealtimeGateway.name)
  private subscription: Subscription | undefined
  @WebSocketServer() private server!: Server

  constructor(
    private readonly auth: AuthGuard,
    private readonly plans: PlanDirectory,
    private readonly maps: MapDirectory,
    private readonly schools: SchoolDirectory,
    private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly fresh: FreshReads,
  ) {}

  async afterInit(server: Server): Promise<void> {
    server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token
      if (typeof token !== 'string') return next(new Error('unauthorized: sign in first'))
      this.fresh
        .reachHead()
        .then(() => this.auth.memberOfToken(token))
        .then((member) => {
          socket.data.member = member
          next()
        })
        .catch((error: Error) => next(new Error(`unauthorized: ${error.message}`)))
    })
    await this.followPlansAndMaps()
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close()
  }

  handleConnection(socket: Socket): void {
    const member = socket.data.member as SessionMember | undefined
    if (!member) return
    guardPackets(socket, handledEvents, this.config.maxMessagesPerSecond)
    socket.data.docIds = []
    void socket.join([schoolRoom(member.schoolId), memberRoom(member.memberId)])
    void this.announcePresence(member.schoolId)
  }

  handleDisconnect(socket: Socket): void {
    const member = socket.data.member as SessionMember | undefined
    if (member) void this.announcePresence(member.schoolId)
  }

  @SubscribeMessage(clientEvents.open)
  open(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Ack {
    return this.onDoc(socket, body, (docId, open) => [...new Set([...open, docId])])
  }

  @SubscribeMessage(clientEvents.close)
  close(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Ack {
    return this.onDoc(socket, body, (docId, open) => open.filter((id) => id !== docId))
  }

  @SubscribeMessage(clientEvents.list)
  async list(@ConnectedSocket() socket: Socket) {
    return { ok: true, members: await this.presenceOf((socket.data.member as SessionMember).schoolId) }
  }

  private onDoc(socket: Socket, body: unknown, change: (docId: string, open: string[]) => string[]): Ack {
    const parsed = docMessage.safeParse(body)
    if (!parsed.success) return { ok: false, error: 'expected { docId } with a valid document id' }
    socket.data.docIds = change(parsed.data.docId, socket.data.docIds as string[])
    void this.announcePresence((socket.data.member as SessionMember).schoolId)
    return { ok: true }
  }

  /** From every connection of the school, on this replica and, with Redis, on every other. */
  private async presenceOf(schoolId: string) {
    const sockets = await this.server.in(schoolRoom(schoolId)).fetchSockets()
    return presentMembers(
      sockets.map((socket) => ({
        ...(socket.data.member as SessionMember),
        docIds: socket.data.docIds ?? [],
      })),
    )
  }

  private async announcePresence(schoolId: string): Promise<void> {
    try {
      const members = await this.presenceOf(schoolId)
      this.server.to(schoolRoom(schoolId)).emit('presence:update', { members })
    } catch (error) {
      this.logger.warn({ err: error, schoolId }, 'presence could not be gathered')
    }
  }

  /**
   * From now on, every plan, map, meeting or decision event becomes a list update for its school, every plan
   * event notifications for the people it concerns, and a member's removal or role change a new sign-in.
   * Every replica follows the log, so each tells only its own connections (`local`).
   */
  private async followPlansAndMaps(): Promise<void> {
    const subscription = this.store.subscribe({
      afterPosition: await this.store.headPosition(),
      filter: {
        streamPrefixes: [
          schoolStreamPrefix,
          planStreamPrefix,
          mapStreamPrefix,
          ...recordStreams.map((record) => record.prefix),
        ],
      },
    })
    this.subscription = subscription
    void (async () => {
      try {
        for await (const event of subscription) {
          if (event.streamId.startsWith(schoolStreamPrefix)) await this.resignInChangedMember(event)
          else if (event.streamId.startsWith(mapStreamPrefix)) await this.announceMap(event)
          else if (event.streamId.startsWith(planStreamPrefix)) await this.announcePlan(event)
          else this.announceRecord(event)
        }
      } catch (error) {
        this.logger.error({ err: error }, 'stopped following plan, map and decision events')
      }
    })()
  }

  /**
   * A member removed or given another role is disconnected: the session they reconnect with is checked
   * against the school as it is now (refused when removed; with the new role otherwise).
   */
  private async resignInChangedMember(event: RecordedEvent): Promise<void> {
    const parsed = parseEventOf(schoolEventDefinitions, event) as SchoolEvent
    if (parsed.type !== 'MemberRemoved' && parsed.type !== 'MemberRoleChanged') return
    await this.schools.waitFor(event.position)
    this.server.local.in(memberRoom(parsed.data.memberId)).disconnectSockets(true)
  }

  private async announceMap(event: RecordedEvent): Promise<void> {
    const mapId = event.streamId.slice(mapStreamPrefix.length)
    await this.maps.waitFor(event.position)
    const map = this.maps.get(mapId)?.state
    if (map) this.server.local.to(schoolRoom(map.schoolId)).emit('maps:changed', { mapId, type: event.type })
  }

  /** Meetings, decisions and the practices carry their school in the metadata of every event. */
  private announceRecord(event: RecordedEvent): void {
    const { schoolId } = event.metadata
    const record = recordStreamOf(event.streamId)
    if (!schoolId || !record) return
    const id = event.streamId.slice(record.prefix.length)
    const change = record.privateTypes
      ? { kind: record.kind, id }
      : { kind: record.kind, id, type: event.type }
    this.server.local.to(schoolRoom(schoolId)).emit('records:changed', change)
  }

  private async announcePlan(event: RecordedEvent): Promise<void> {
    const planId = event.streamId.slice(planStreamPrefix.length)
    await this.plans.waitFor(event.position)
    const plan = this.plans.get(planId)?.state
    if (!plan) return
    this.server.local.to(schoolRoom(plan.schoolId)).emit('plans:changed', { planId, type: event.type })
    const principals = [...(this.schools.get(plan.schoolId)?.school.members.values() ?? [])]
      .filter((member) => member.role === 'principal')
      .map((member) => member.memberId)
    for (const { to, notification } of notificationsFor(event, plan, principals)) {
      if (to.length > 0) this.server.local.to(to.map(memberRoom)).emit('notification:new', notification)
    }
  }
}
