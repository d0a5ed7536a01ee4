import { Module } from '@nestjs/common'
import { DocReader } from './doc-reader.js'
import { SnapshotBuilder } from './snapshot-builder.js'

/** Reading documents out of the log and keeping their snapshots: what every owner of a document needs. */
@Module({ providers: [DocReader, SnapshotBuilder], exports: [DocReader, SnapshotBuilder] })
export class DocStorageModule {}
