import { Module } from '@nestjs/common'
import { APP_FILTER, APP_GUARD } from '@nestjs/core'
import { CommandRefusedFilter } from '../common/command-refused.filter.js'
import { SchoolsModule } from '../schools/schools.module.js'
import { AccountsController } from './accounts.controller.js'
import { AccountsService } from './accounts.service.js'
import { AuthGuard } from './auth.guard.js'
import { CredentialStore } from './credential-store.js'
import { LoginThrottle } from './login-throttle.js'
import { TokenService } from './token-service.js'

@Module({
  imports: [SchoolsModule],
  controllers: [AccountsController],
  providers: [
    CredentialStore,
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
