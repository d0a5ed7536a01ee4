import { mapStreamPrefix, planStreamPrefix, schoolStreamPrefix } from '@rembuk/domain'
import type Database from 'better-sqlite3'
import type { ProjectionDefinition } from '../projections/sqlite-projection.js'

const schema = `
CREATE TABLE IF NOT EXISTS dashboard_plans (
  plan_id   TEXT PRIMARY KEY,
  school_id TEXT NOT NULL,
  title     TEXT NOT NULL,
  status    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dashboard_maps (
  map_id    TEXT PRIMARY KEY,
  school_id TEXT NOT NULL,
  title     TEXT NOT NULL,
  archived  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dashboard_activity (
  position   INTEGER PRIMARY KEY,
  school_id  TEXT NOT NULL,
  kind       TEXT NOT NULL,
  title      TEXT NOT NULL,
  actor_id   TEXT NOT NULL,
  actor_name TEXT,
  at         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dashboard_activity_school ON dashboard_activity (school_id, position);
`

const planStatus: Record<string, string> = {
  PlanSubmitted: 'submitted',
  PlanFeedbackGiven: 'changes-requested',
  PlanApproved: 'approved',
  PlanRevisionStarted: 'revising',
  PlanArchived: 'archived',
}

/** What a principal sees first: plans by status, maps, and what happened recently, per school. */
export const dashboardProjection: ProjectionDefinition = {
  name: 'dashboard',
  filter: { streamPrefixes: [schoolStreamPrefix, planStreamPrefix, mapStreamPrefix] },
  schema,
  tables: ['dashboard_plans', 'dashboard_maps', 'dashboard_activity'],
  apply(db, event) {
    const data = event.data as Record<string, unknown>
    const id = event.streamId.slice(event.streamId.indexOf('-') + 1)
    const record = (schoolId: string | undefined, title: string) => {
      if (!schoolId) return
      db.prepare(
        'INSERT OR REPLACE INTO dashboard_activity (position, school_id, kind, title, actor_id, actor_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        event.position,
        schoolId,
        event.type,
        title,
        event.metadata.actorId,
        event.metadata.actorName ?? null,
        event.created.getTime(),
      )
    }
    switch (event.type) {
      case 'SchoolSetUp':
        record(String(data.schoolId), String(data.name))
        return
      case 'MemberInvited':
        record(event.metadata.schoolId, String(data.name))
        return
      case 'PlanCreated':
        db.prepare(
          'INSERT OR REPLACE INTO dashboard_plans (plan_id, school_id, title, status) VALUES (?, ?, ?, ?)',
        ).run(id, String(data.schoolId), String(data.title), 'planning')
        record(String(data.schoolId), String(data.title))
        return
      case 'MapCreated':
        db.prepare(
          'INSERT OR REPLACE INTO dashboard_maps (map_id, school_id, title, archived) VALUES (?, ?, ?, 0)',
        ).run(id, String(data.schoolId), String(data.title))
        record(String(data.schoolId), String(data.title))
        return
      case 'MapArchived':
        db.prepare('UPDATE dashboard_maps SET archived = 1 WHERE map_id = ?').run(id)
        return
      case 'ActivityChangeAnnounced':
      case 'LaneChangeAcknowledged': {
        const map = db
          .prepare<[string], { school_id: string; title: string }>(
            'SELECT school_id, title FROM dashboard_maps WHERE map_id = ?',
          )
          .get(id)
        record(map?.school_id, map?.title ?? id)
        return
      }
    }
    const status = planStatus[event.type]
    if (status) {
      const plan = db
        .prepare<[string], { school_id: string; title: string }>(
          'SELECT school_id, title FROM dashboard_plans WHERE plan_id = ?',
        )
        .get(id)
      db.prepare('UPDATE dashboard_plans SET status = ? WHERE plan_id = ?').run(status, id)
      record(plan?.school_id, plan?.title ?? id)
    }
  },
}

export interface Dashboard {
  plans: { total: number; byStatus: Record<string, number> }
  maps: { total: number; active: number }
  recent: { kind: string; title: string; actorId: string; actorName: string | null; at: string }[]
}

export function readDashboard(db: Database.Database, schoolId: string, recent = 20): Dashboard {
  const byStatus = Object.fromEntries(
    db
      .prepare<[string], { status: string; n: number }>(
        'SELECT status, COUNT(*) AS n FROM dashboard_plans WHERE school_id = ? GROUP BY status ORDER BY status',
      )
      .all(schoolId)
      .map((row) => [row.status, row.n]),
  )
  const maps = db
    .prepare<[string], { total: number; active: number }>(
      'SELECT COUNT(*) AS total, COALESCE(SUM(archived = 0), 0) AS active FROM dashboard_maps WHERE school_id = ?',
    )
    .get(schoolId) ?? { total: 0, active: 0 }
  const activity = db
    .prepare<
      [string, number],
      { kind: string; title: string; actor_id: string; actor_name: string | null; at: number }
    >(
      'SELECT kind, title, actor_id, actor_name, at FROM dashboard_activity WHERE school_id = ? ORDER BY position DESC LIMIT ?',
    )
    .all(schoolId, recent)
  return {
    plans: { total: Object.values(byStatus).reduce((sum, n) => sum + n, 0), byStatus },
    maps: { total: maps.total, active: maps.active },
    recent: activity.map((row) => ({
      kind: row.kind,
      title: row.title,
      actorId: row.actor_id,
      actorName: row.actor_name,
      at: new Date(row.at).toISOString(),
    })),
  }
}
