import { Module } from '@nestjs/common'
import { APP_INTERCEPTOR } from '@nestjs/core'
import { ResearchModule } from '../action-research/research.module.js'
import { DecisionsModule } from '../decisions/decisions.module.js'
import { ItemReviewsModule } from '../item-reviews/item-reviews.module.js'
import { LearningGroupsModule } from '../learning-groups/learning-groups.module.js'
import { MapsModule } from '../maps/maps.module.js'
import { PlansModule } from '../plans/plans.module.js'
import { SchoolsModule } from '../schools/schools.module.js'
import { TeamTeachingModule } from '../team-teaching/team-teaching.module.js'
import { WalkthroughsModule } from '../walkthroughs/walkthroughs.module.js'
import { FreshOnMissInterceptor } from './fresh-on-miss.interceptor.js'

@Module({
  imports: [
    SchoolsModule,
    PlansModule,
    MapsModule,
    DecisionsModule,
    TeamTeachingModule,
    WalkthroughsModule,
    LearningGroupsModule,
    ItemReviewsModule,
    ResearchModule,
  ],
  providers: [{ provide: APP_INTERCEPTOR, useClass: FreshOnMissInterceptor }],
})
export class FreshReadsModule {}
