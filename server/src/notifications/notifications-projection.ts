import { type NotificationView, planStreamPrefix, schoolStreamPrefix } from '@rembuk/domain'
import type Database from 'better-sqlite3'
import type { ProjectionDefinition } from '../projections/sqlite-projection.js'
import { notificationsFor } from './plan-notifications.js'

const schema = `
CREATE TABLE IF NOT EXISTS notify_plans (
  plan_id   TEXT PRIMARY KEY,
  school_id TEXT NOT NULL,
  title     TEXT NOT NULL,
  team      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notify_principals (
  school_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  PRIMARY KEY (school_id, member_id)
);
CREATE TABLE IF NOT EXISTS notifications (
  position  INTEGER NOT NULL,
  member_id TEXT NOT NULL,
  body      TEXT NOT NULL,
  PRIMARY KEY (member_id, position)
);
`

interface PlanRow {
  school_id: string
  title: string
  team: string
}

/** Every member's notifications, kept so that a member who was offline sees them on the dashboard. */
export const notificationsProjection: ProjectionDefinition = {
  name: 'notifications',
  filter: { streamPrefixes: [schoolStreamPrefix, planStreamPrefix] },
  schema,
  tables: ['notify_plans', 'notify_principals', 'notifications'],
  apply(db, event) {
    const data = event.data as Record<string, unknown>
    const schoolId = event.streamId.slice(schoolStreamPrefix.length)
    switch (event.type) {
      case 'SchoolSetUp': {
        const principal = data.principal as { memberId: string }
        db.prepare('INSERT OR IGNORE INTO notify_principals VALUES (?, ?)').run(schoolId, principal.memberId)
        return
      }
      case 'MemberInvited':
      case 'MemberRoleChanged': {
        const role = (data.role ?? data.to) as string
        const memberId = data.memberId as string
        if (role === 'principal') {
          db.prepare('INSERT OR IGNORE INTO notify_principals VALUES (?, ?)').run(schoolId, memberId)
        } else {
          db.prepare('DELETE FROM notify_principals WHERE school_id = ? AND member_id = ?').run(
            schoolId,
            memberId,
          )
        }
        return
      }
      case 'MemberRemoved':
        db.prepare('DELETE FROM notify_principals WHERE school_id = ? AND member_id = ?').run(
          schoolId,
          data.memberId,
        )
        return
      case 'PlanCreated':
        db.prepare('INSERT OR REPLACE INTO notify_plans VALUES (?, ?, ?, ?)').run(
          data.planId,
          data.schoolId,
          data.title,
          JSON.stringify(data.team),
        )
        return
    }
    if (!event.streamId.startsWith(planStreamPrefix)) return
    const planId = event.streamId.slice(planStreamPrefix.length)
    const row = db
      .prepare<[string], PlanRow>('SELECT school_id, title, team FROM notify_plans WHERE plan_id = ?')
      .get(planId)
    if (!row) return
    let team = JSON.parse(row.team) as string[]
    if (event.type === 'PlanTeamMemberAdded') team = [...team, data.memberId as string]
    if (event.type === 'PlanTeamMemberRemoved') team = team.filter((id) => id !== data.memberId)
    if (team.length !== (JSON.parse(row.team) as string[]).length) {
      db.prepare('UPDATE notify_plans SET team = ? WHERE plan_id = ?').run(JSON.stringify(team), planId)
    }
    const principals = db
      .prepare<[string], { member_id: string }>('SELECT member_id FROM notify_principals WHERE school_id = ?')
      .all(row.school_id)
      .map((principal) => principal.member_id)
    const insert = db.prepare('INSERT OR REPLACE INTO notifications VALUES (?, ?, ?)')
    for (const { to, notification } of notificationsFor(
      event,
      { planId, title: row.title, team },
      principals,
    )) {
      for (const memberId of to) insert.run(event.position, memberId, JSON.stringify(notification))
    }
  },
}

/** A member's newest notifications, newest first. */
export function readNotifications(db: Database.Database, memberId: string, limit = 30): NotificationView[] {
  return db
    .prepare<[string, number], { body: string }>(
      'SELECT body FROM notifications WHERE member_id = ? ORDER BY position DESC LIMIT ?',
    )
    .all(memberId, limit)
    .map((row) => JSON.parse(row.body) as NotificationView)
}
