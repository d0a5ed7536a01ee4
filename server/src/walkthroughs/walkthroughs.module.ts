import { Module } from '@nestjs/common'
import { PlansModule } from '../plans/plans.module.js'
import { SchoolsModule } from '../schools/schools.module.js'
import { WalkthroughCommands } from './walkthrough-commands.js'
import { WalkthroughDirectory } from './walkthrough-directory.js'
import { WalkthroughsController } from './walkthroughs.controller.js'

/** Classroom walkthroughs between colleagues: agreement, observation, conversation, follow-up. */
@Module({
  imports: [SchoolsModule, PlansModule],
  controllers: [WalkthroughsController],
  providers: [WalkthroughDirectory, WalkthroughCommands],
  exports: [WalkthroughDirectory, WalkthroughCommands],
})
export class WalkthroughsModule {}
