import { Module } from '@nestjs/common'
import { SchoolsModule } from '../schools/schools.module.js'
import { PlanCommands } from './plan-commands.js'
import { PlanDirectory } from './plan-directory.js'
import { PlansController } from './plans.controller.js'

@Module({
  imports: [SchoolsModule],
  controllers: [PlansController],
  providers: [PlanDirectory, PlanCommands],
  exports: [PlanDirectory],
})
export class PlansModule {}
