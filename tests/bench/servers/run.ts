import { join } from 'node:path'
import { repoRoot } from '../../support/server-process.js'
import { compareServers, compareSettingsFromEnv } from './compare.js'

const { table } = await compareServers(
  compareSettingsFromEnv(process.env),
  join(repoRoot, 'tests', 'bench', 'results'),
)
console.log(table)
