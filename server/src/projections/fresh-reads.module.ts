import { Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common'
import { FreshReads, FreshReadsMiddleware } from './fresh-reads.js'

@Global()
@Module({ providers: [FreshReads], exports: [FreshReads] })
export class FreshReadsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(FreshReadsMiddleware).exclude('health').forRoutes('*')
  }
}
