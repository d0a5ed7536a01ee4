import { configFromEnvironment } from '../config/app-config.js'
import { backupStore } from '../store/backup.js'

const usage =
  'usage: backup <empty or new directory>   (copies the store of REMBUK_DATA_DIR while the server runs)'

const [target, ...rest] = process.argv.slice(2)
if (!target || rest.length > 0) {
  console.error(usage)
  process.exit(2)
}
const config = configFromEnvironment(process.env)
if (config.eventStore !== 'sqlite') throw new Error('backup copies the embedded SQLite store')
const started = performance.now()
const manifest = await backupStore(config.dataDir, target)
console.log(JSON.stringify({ backup: target, ...manifest, ms: Math.round(performance.now() - started) }))
