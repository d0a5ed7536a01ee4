import { Module } from '@nestjs/common'
import { SchoolCommands } from './school-commands.js'
import { SchoolDirectory } from './school-directory.js'

@Module({ providers: [SchoolDirectory, SchoolCommands], exports: [SchoolDirectory, SchoolCommands] })
export class SchoolsModule {}
