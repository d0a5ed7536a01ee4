import type * as Y from 'yjs'
import {
  type ActivityMapJson,
  activityMap,
  type LaneJson,
  type LinkJson,
  laneTextFields,
} from './activity-map.js'
import { docToJson, kindOfRoot } from './doc-json.js'
import { plainText } from './lesson-plan.js'
import { type DiffPart, diffWords } from './text-diff.js'

/** One field that differs between two points: its text at each, and the words removed and added. */
export interface FieldChange {
  field: string
  before: string
  after: string
  diff: DiffPart[]
}

export interface LaneChange {
  id: string
  subject: string
  fields: FieldChange[]
  moved: boolean
}

export interface MapComparison {
  activity: FieldChange[]
  lanesAdded: LaneJson[]
  lanesRemoved: LaneJson[]
  lanesChanged: LaneChange[]
  linksAdded: LinkJson[]
  linksRemoved: LinkJson[]
}

export type DocComparison = { kind: 'fields'; fields: FieldChange[] } | { kind: 'map'; map: MapComparison }

function fieldChange(field: string, before: string, after: string): FieldChange[] {
  return before === after ? [] : [{ field, before, after, diff: diffWords(before, after) }]
}

/** A document as people read it: an activity map as lanes and links, anything else as one text per root. */
export type DocView =
  | { kind: 'fields'; fields: Record<string, string> }
  | { kind: 'map'; map: ActivityMapJson }

/** An activity map: its `lanes` root holds lane entries (a document of another kind may hold anything). */
const isMap = (doc: Y.Doc) => {
  const lanes = doc.share.get('lanes')
  return lanes !== undefined && ['map', 'empty'].includes(kindOfRoot(lanes as Y.AbstractType<unknown>))
}

/** Each root of a document as text: rich text paragraph by paragraph, other kinds as JSON. */
function rootTexts(doc: Y.Doc): Record<string, string> {
  const { kinds, content } = docToJson(doc)
  const texts: Record<string, string> = {}
  for (const [name, kind] of Object.entries(kinds)) {
    if (kind === 'xml') texts[name] = plainText(doc.getXmlFragment(name))
    else if (kind === 'text') texts[name] = doc.getText(name).toString()
    else if (kind !== 'empty') texts[name] = JSON.stringify(content[name], null, 2)
  }
  return texts
}

export function viewOf(doc: Y.Doc): DocView {
  return isMap(doc)
    ? { kind: 'map', map: activityMap(doc).toJson() }
    : { kind: 'fields', fields: rootTexts(doc) }
}

function compareMaps(before: ActivityMapJson, after: ActivityMapJson): MapComparison {
  const lanesBefore = new Map(before.lanes.map((lane) => [lane.id, lane]))
  const lanesAfter = new Map(after.lanes.map((lane) => [lane.id, lane]))
  const linkKey = (link: LinkJson) => `${link.id}\u0000${link.from}\u0000${link.to}\u0000${link.label}`
  const linksBefore = new Set(before.links.map(linkKey))
  const linksAfter = new Set(after.links.map(linkKey))
  const lanesChanged: LaneChange[] = []
  for (const lane of after.lanes) {
    const old = lanesBefore.get(lane.id)
    if (!old) continue
    const fields = [
      ...fieldChange('subject', old.subject, lane.subject),
      ...fieldChange('teacher', old.teacher, lane.teacher),
      ...laneTextFields.flatMap((field) => fieldChange(field, old.texts[field], lane.texts[field])),
    ]
    const moved = old.position.x !== lane.position.x || old.position.y !== lane.position.y
    if (fields.length > 0 || moved) lanesChanged.push({ id: lane.id, subject: lane.subject, fields, moved })
  }
  return {
    activity: [
      ...fieldChange('title', before.activity.title, after.activity.title),
      ...fieldChange('description', before.activity.description, after.activity.description),
    ],
    lanesAdded: after.lanes.filter((lane) => !lanesBefore.has(lane.id)),
    lanesRemoved: before.lanes.filter((lane) => !lanesAfter.has(lane.id)),
    lanesChanged,
    linksAdded: after.links.filter((link) => !linksBefore.has(linkKey(link))),
    linksRemoved: before.links.filter((link) => !linksAfter.has(linkKey(link))),
  }
}

/**
 * What differs between two states of one document: for an activity map, lanes and links added, removed or
 * changed (with the words of each changed field); for any other document, each root that changed, as text.
 */
export function compareDocs(before: Y.Doc, after: Y.Doc): DocComparison {
  if (isMap(before) || isMap(after)) {
    return { kind: 'map', map: compareMaps(activityMap(before).toJson(), activityMap(after).toJson()) }
  }
  const textsBefore = rootTexts(before)
  const textsAfter = rootTexts(after)
  const names = [...new Set([...Object.keys(textsBefore), ...Object.keys(textsAfter)])].sort()
  return {
    kind: 'fields',
    fields: names.flatMap((name) => fieldChange(name, textsBefore[name] ?? '', textsAfter[name] ?? '')),
  }
}
