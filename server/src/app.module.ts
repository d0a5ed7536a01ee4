import { type DynamicModule, Global, Module } from '@nestjs/common'
import { LoggerModule } from 'nestjs-pino'
import { AccountsModule } from './accounts/accounts.module.js'
import { ResearchModule } from './action-research/research.module.js'
import { AsOfModule } from './as-of/as-of.module.js'
import { CollabModule } from './collab/collab.module.js'
import { AppConfig, type AppConfigValues } from './config/app-config.js'
import { DashboardModule } from './dashboard/dashboard.module.js'
import { DecisionsModule } from './decisions/decisions.module.js'
import { DocumentsModule } from './documents/documents.module.js'
import { HealthModule } from './health/health.module.js'
import { ItemReviewsModule } from './item-reviews/item-reviews.module.js'
import { LearningGroupsModule } from './learning-groups/learning-groups.module.js'
import { MapsModule } from './maps/maps.module.js'
import { NotificationsModule } from './notifications/notifications.module.js'
import { PlansModule } from './plans/plans.module.js'
import { FreshReadsModule } from './projections/fresh-reads.module.js'
import { RealtimeModule } from './realtime/realtime.module.js'
import { StoreModule } from './store/store.module.js'
import { TeamTeachingModule } from './team-teaching/team-teaching.module.js'
import { WalkthroughsModule } from './walkthroughs/walkthroughs.module.js'

@Global()
@Module({})
class ConfigModule {
  static with(config: AppConfigValues): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    }
  }
}

@Module({})
export class AppModule {
  static with(config: AppConfigValues): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.with(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            autoLogging: { ignore: (request) => request.url === '/health' },
          },
        }),
        StoreModule,
        AccountsModule,
        PlansModule,
        MapsModule,
        DecisionsModule,
        TeamTeachingModule,
        WalkthroughsModule,
        LearningGroupsModule,
        ItemReviewsModule,
        ResearchModule,
        FreshReadsModule,
        DocumentsModule,
        CollabModule,
        RealtimeModule,
        DashboardModule,
        AsOfModule,
        NotificationsModule,
        HealthModule,
      ],
    }
  }
}
