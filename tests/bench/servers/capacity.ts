import { join } from 'node:path'
import { repoRoot } from '../../support/server-process.js'
import { capacitySettingsFromEnv, searchCapacity } from './capacity-search.js'

const { table } = await searchCapacity(
  capacitySettingsFromEnv(process.env),
  join(repoRoot, 'tests', 'bench', 'results'),
)
console.log(table)
