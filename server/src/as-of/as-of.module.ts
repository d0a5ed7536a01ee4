import { Module } from '@nestjs/common'
import { AsOfController } from './as-of.controller.js'
import { SchoolAsOfService } from './school-as-of.js'

@Module({ controllers: [AsOfController], providers: [SchoolAsOfService] })
export class AsOfModule {}
