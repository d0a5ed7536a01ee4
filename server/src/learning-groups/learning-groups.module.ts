import { Module } from '@nestjs/common'
import { SchoolsModule } from '../schools/schools.module.js'
import { GroupCommands } from './group-commands.js'
import { GroupDirectory } from './group-directory.js'
import { LearningGroupsController } from './learning-groups.controller.js'

/** Teacher learning groups (KKG, MGMP), their meetings, and their reports to the monthly forum. */
@Module({
  imports: [SchoolsModule],
  controllers: [LearningGroupsController],
  providers: [GroupDirectory, GroupCommands],
  exports: [GroupDirectory],
})
export class LearningGroupsModule {}
