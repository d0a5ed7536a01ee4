import { Module } from '@nestjs/common'
import { DocStorageModule } from '../documents/doc-storage.module.js'
import { SchoolsModule } from '../schools/schools.module.js'
import { ItemReviewCommands } from './item-review-commands.js'
import { ItemReviewDirectory } from './item-review-directory.js'
import { ItemReviewsController } from './item-reviews.controller.js'

/** Item reviews (pembahasan soal): their items, comments and statuses; the items' texts live in a document. */
@Module({
  imports: [SchoolsModule, DocStorageModule],
  controllers: [ItemReviewsController],
  providers: [ItemReviewDirectory, ItemReviewCommands],
  exports: [ItemReviewDirectory],
})
export class ItemReviewsModule {}
