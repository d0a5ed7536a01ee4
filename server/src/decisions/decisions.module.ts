import { Module } from '@nestjs/common'
import { DocStorageModule } from '../documents/doc-storage.module.js'
import { LearningGroupsModule } from '../learning-groups/learning-groups.module.js'
import { MapsModule } from '../maps/maps.module.js'
import { PlansModule } from '../plans/plans.module.js'
import { SchoolsModule } from '../schools/schools.module.js'
import { DecisionCommands } from './decision-commands.js'
import { DecisionDirectory } from './decision-directory.js'
import { DecisionsController } from './decisions.controller.js'
import { MeetingCommands } from './meeting-commands.js'
import { MeetingDirectory } from './meeting-directory.js'
import { MeetingsController } from './meetings.controller.js'
import { MinutesService } from './minutes.service.js'

/** Meetings (protocol, learning groups, teams), the decisions raised in them, and their minutes. */
@Module({
  imports: [SchoolsModule, PlansModule, MapsModule, LearningGroupsModule, DocStorageModule],
  controllers: [MeetingsController, DecisionsController],
  providers: [MeetingDirectory, DecisionDirectory, MeetingCommands, DecisionCommands, MinutesService],
  exports: [MeetingDirectory, DecisionDirectory],
})
export class DecisionsModule {}
