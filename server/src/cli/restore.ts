import { configFromEnvironment } from '../config/app-config.js'
import { restoreStore } from '../store/backup.js'

const usage = 'usage: restore <backup directory>   (into REMBUK_DATA_DIR; stop the server first)'

const [source, ...rest] = process.argv.slice(2)
if (!source || rest.length > 0) {
  console.error(usage)
  process.exit(2)
}
const config = configFromEnvironment(process.env)
if (config.eventStore !== 'sqlite') throw new Error('restore fills the embedded SQLite store')
const { manifest, setAside } = restoreStore(source, config.dataDir)
console.log(JSON.stringify({ restored: source, into: config.dataDir, setAside, ...manifest }))
