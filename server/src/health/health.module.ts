import { Module } from '@nestjs/common'
import { CollabModule } from '../collab/collab.module.js'
import { HealthController } from './health.controller.js'

@Module({ imports: [CollabModule], controllers: [HealthController] })
export class HealthModule {}
