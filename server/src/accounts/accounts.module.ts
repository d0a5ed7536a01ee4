import { Module } from '@nestjs/common'
import { APP_FILTER, APP_GUARD } from '@nestjs/core'
import type { Pool } from 'pg'
import { CommandRefusedFilter } from '../common/command-refused.filter.js'
import { AppConfig } from '../config/app-config.js'
import { SchoolsModule } from '../schools/schools.module.js'
import { POSTGRES_POOL } from '../store/store.module.js'
import { AccountsController } from './accounts.controller.js'
import { AccountsService } from './accounts.service.js'
import { AuthGuard } from './auth.guard.js'
import { CredentialStore } from './credential-store.js'
import { LoginThrottle } from './login-throttle.js'
import { openCredentialStore } from './open-credential-store.js'
import { TokenService } from './token-service.js'

@Module({
  imports: [SchoolsModule],
  controllers: [AccountsController],
  providers: [
    {
      provide: CredentialStore,
      inject: [AppConfig, POSTGRES_POOL],
      useFactory: (config: AppConfig, pool: Pool | null) => openCredentialStore(config.dataDir, pool),
    },
    TokenService,
    AccountsService,
    LoginThrottle,
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_FILTER, useClass: CommandRefusedFilter },
  ],
  exports: [AuthGuard, TokenService],
})
export class AccountsModule {}
