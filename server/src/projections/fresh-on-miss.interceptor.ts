import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common'
import { CommandRefused } from '@rembuk/domain'
import { catchError, defer, type Observable, switchMap, throwError } from 'rxjs'
import { ResearchDirectory } from '../action-research/research-directory.js'
import { DecisionDirectory } from '../decisions/decision-directory.js'
import { MeetingDirectory } from '../decisions/meeting-directory.js'
import { ItemReviewDirectory } from '../item-reviews/item-review-directory.js'
import { GroupDirectory } from '../learning-groups/group-directory.js'
import { MapDirectory } from '../maps/map-directory.js'
import { PlanDirectory } from '../plans/plan-directory.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { TeachingDirectory } from '../team-teaching/teaching-directory.js'
import { WalkthroughDirectory } from '../walkthroughs/walkthrough-directory.js'

const notFound = (error: unknown) =>
  (error instanceof CommandRefused && error.code === 'not_found') ||
  (error instanceof HttpException && error.getStatus() === 404)

/**
 * Reads what another replica has just written: a request that finds nothing is answered again once every
 * directory has caught up with the log, so a plan made through one replica can be opened through another at
 * once. A refusal comes before any append, so the second run repeats nothing.
 */
@Injectable()
export class FreshOnMissInterceptor implements NestInterceptor {
  private readonly directories: { catchUp(): Promise<void> }[]

  constructor(
    schools: SchoolDirectory,
    plans: PlanDirectory,
    maps: MapDirectory,
    meetings: MeetingDirectory,
    decisions: DecisionDirectory,
    teaching: TeachingDirectory,
    walkthroughs: WalkthroughDirectory,
    groups: GroupDirectory,
    itemReviews: ItemReviewDirectory,
    research: ResearchDirectory,
  ) {
    this.directories = [
      schools,
      plans,
      maps,
      meetings,
      decisions,
      teaching,
      walkthroughs,
      groups,
      itemReviews,
      research,
    ]
  }

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          notFound(error)
            ? defer(() => Promise.all(this.directories.map((directory) => directory.catchUp()))).pipe(
                switchMap(() => next.handle()),
              )
            : throwError(() => error),
        ),
      )
  }
}
