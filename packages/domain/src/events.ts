import type { z } from 'zod'
import type { JsonObject } from './json.js'
import { type EventMetadata, eventMetadataSchema } from './metadata.js'

/** An event as the domain sees it: a past-tense type, its data, and an optional binary payload. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type
  data: Data
  payload?: Uint8Array
  metadata: EventMetadata
}

export interface EventDefinition<Type extends string, Schema extends z.ZodType> {
  type: Type
  version: number
  schema: Schema
  payload: 'required' | 'none'
}

export function defineEvent<Type extends string, Schema extends z.ZodType>(
  type: Type,
  version: number,
  schema: Schema,
  payload: 'required' | 'none' = 'none',
): EventDefinition<Type, Schema> {
  return { type, version, schema, payload }
}

export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? DomainEvent<T, z.infer<S>> : never

export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly issues: string[],
  ) {
    super(`Invalid ${eventType} event: ${issues.join('; ')}`)
    this.name = 'InvalidEventError'
  }
}

/** Builds an event, checking its data and payload against the definition. */
export function createEvent<Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
  data: z.input<Schema>,
  metadata: EventMetadata,
  payload?: Uint8Array,
): DomainEvent<Type, z.infer<Schema>> {
  return parseEvent(definition, { type: definition.type, data, payload, metadata })
}

/** Reads a stored event back into its typed form; throws InvalidEventError when it does not fit. */
export function parseEvent<Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
  event: { type: string; data: unknown; payload?: Uint8Array | null; metadata: EventMetadata },
): DomainEvent<Type, z.infer<Schema>> {
  const issues: string[] = []
  if (event.type !== definition.type) issues.push(`type is ${event.type}`)
  const parsed = definition.schema.safeParse(event.data)
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      issues.push(`${issue.path.join('.') || 'data'}: ${issue.message}`)
  }
  const metadata = eventMetadataSchema.safeParse(event.metadata)
  if (!metadata.success) {
    for (const issue of metadata.error.issues)
      issues.push(`metadata.${issue.path.join('.')}: ${issue.message}`)
  }
  const hasPayload = event.payload instanceof Uint8Array
  if (definition.payload === 'required' && !hasPayload) issues.push('payload is missing')
  if (definition.payload === 'none' && hasPayload) issues.push('payload is not expected')
  if (issues.length > 0 || !parsed.success || !metadata.success)
    throw new InvalidEventError(definition.type, issues)
  const result: DomainEvent<Type, z.infer<Schema>> = {
    type: definition.type,
    data: parsed.data,
    metadata: { ...metadata.data, schemaVersion: definition.version },
  }
  if (hasPayload) result.payload = event.payload as Uint8Array
  return result
}

type Definitions = Readonly<Record<string, EventDefinition<string, z.ZodType>>>

function definitionOf(definitions: Definitions, type: string): EventDefinition<string, z.ZodType> {
  const definition = definitions[type]
  if (!definition) throw new InvalidEventError(type, ['no such event type'])
  return definition
}

/** Builds an event whose definition is looked up by type among `definitions`, checking it as createEvent does. */
export function createEventOf(
  definitions: Definitions,
  event: { type: string; data: unknown },
  metadata: EventMetadata,
): DomainEvent<string, JsonObject> {
  return createEvent(definitionOf(definitions, event.type), event.data as never, metadata) as DomainEvent<
    string,
    JsonObject
  >
}

/** Reads a stored event back with the definition of its type among `definitions`. */
export function parseEventOf(
  definitions: Definitions,
  event: { type: string; data: unknown; payload?: Uint8Array | null; metadata: EventMetadata },
): DomainEvent {
  return parseEvent(definitionOf(definitions, event.type), event)
}
