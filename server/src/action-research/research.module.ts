import { Module } from '@nestjs/common'
import { DecisionsModule } from '../decisions/decisions.module.js'
import { MapsModule } from '../maps/maps.module.js'
import { PlansModule } from '../plans/plans.module.js'
import { SchoolsModule } from '../schools/schools.module.js'
import { ResearchController } from './research.controller.js'
import { ResearchCommands } from './research-commands.js'
import { ResearchDirectory } from './research-directory.js'

/** School action research in cycles, with the data-driven cycle on each. */
@Module({
  imports: [SchoolsModule, PlansModule, MapsModule, DecisionsModule],
  controllers: [ResearchController],
  providers: [ResearchDirectory, ResearchCommands],
  exports: [ResearchDirectory],
})
export class ResearchModule {}
