import { Module } from '@nestjs/common'
import { SchoolsModule } from '../schools/schools.module.js'
import { TeachingCommands } from './teaching-commands.js'
import { TeachingDirectory } from './teaching-directory.js'
import { TeamTeachingController } from './team-teaching.controller.js'

/** Team teaching: two or more teachers, one class, planned, taught and evaluated together. */
@Module({
  imports: [SchoolsModule],
  controllers: [TeamTeachingController],
  providers: [TeachingDirectory, TeachingCommands],
  exports: [TeachingDirectory],
})
export class TeamTeachingModule {}
