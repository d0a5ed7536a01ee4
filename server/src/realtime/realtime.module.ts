import { Module } from '@nestjs/common'
import { AccountsModule } from '../accounts/accounts.module.js'
import { MapsModule } from '../maps/maps.module.js'
import { PlansModule } from '../plans/plans.module.js'
import { SchoolsModule } from '../schools/schools.module.js'
import { RealtimeGateway } from './realtime.gateway.js'

@Module({ imports: [AccountsModule, MapsModule, PlansModule, SchoolsModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
