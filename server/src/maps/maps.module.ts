import { Module } from '@nestjs/common'
import { DocStorageModule } from '../documents/doc-storage.module.js'
import { SchoolsModule } from '../schools/schools.module.js'
import { MapCommands } from './map-commands.js'
import { MapDirectory } from './map-directory.js'
import { MapsController } from './maps.controller.js'

@Module({
  imports: [SchoolsModule, DocStorageModule],
  controllers: [MapsController],
  providers: [MapDirectory, MapCommands],
  exports: [MapDirectory],
})
export class MapsModule {}
