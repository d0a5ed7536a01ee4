import { describe, expect, it } from 'vitest'
import { postgresBinDir } from './postgres-binaries.js'

describe('the PostgreSQL binaries for throwaway servers', () => {
  it('says how to install them when they are missing', () => {
    expect(() => postgresBinDir({ PG_BIN_DIR: '/nowhere/bin' })).toThrow(/apt-get install postgresql/)
  })
})
