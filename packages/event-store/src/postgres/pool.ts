import pg, { type Pool, type PoolClient } from 'pg'

export interface PoolOptions {
  /** Connections the pool may open; 10 by default. */
  maxConnections?: number
  /** Told of errors on idle connections (a server restart ends them all); the pool replaces them. */
  onError?: (error: unknown) => void
}

export function createPool(url: string, options: PoolOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  })
  pool.on('error', (error) => options.onError?.(error))
  return pool
}

/**
 * Runs `work` in a transaction on one connection of the pool. A connection that fails while checked out is
 * destroyed rather than given back.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  // Without a listener, a connection that drops between two queries would throw from the event emitter.
  const ignore = () => {}
  client.on('error', ignore)
  let reusable = true
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    reusable = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    )
    throw error
  } finally {
    client.off('error', ignore)
    client.release(!reusable)
  }
}
