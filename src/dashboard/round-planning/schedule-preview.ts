import { Injectable } from '@nestjs/common';
import { Language } from '../../common/language';
import { AudiencePreviewService } from '../../rounds/audience-preview.service';
import { Round } from '../../rounds/round.entity';
import { SessionStatus } from '../../rounds/session-kind';
import { SessionsService } from '../../rounds/sessions.service';
import { planRoundSteps } from '../../workflow/round-step-plan';
import { inLanguage, sessionSummary } from './plan-view';
import { StepRow, stepRows } from './step-rows';

/** What scheduling a draft round will set going. */
export interface SchedulePreview {
  /** Different people the invitations go to. */
  people: number;
  sessions: Array<ReturnType<typeof sessionSummary> & { people: number }>;
  steps: StepRow[];
}

/**
 * The round's steps as RoundScheduler.schedule will plan them, from the
 * same planRoundSteps, at this moment: a step whose time has passed shows
 * as skipped with the scheduler's reason, the invitation as going at once.
 */
@Injectable()
export class SchedulePreviewBuilder {
  constructor(
    private readonly sessions: SessionsService,
    private readonly previews: AudiencePreviewService,
  ) {}

  /** Needs the round's campaign loaded. */
  async build(round: Round, language: Language, now = new Date()): Promise<SchedulePreview> {
    const { policy, timeZone } = round.campaign;
    const planned = (await this.sessions.sessionsOf(round)).filter(
      (session) => session.status === SessionStatus.Planned,
    );
    const audience = await this.previews.preview(round);
    const counts = new Map(audience.sessions.map((entry) => [entry.sessionId, entry.contactCount]));
    const titles = new Map(
      planned.map((session) => [
        session.id,
        inLanguage(language, session.titleSq, session.titleEn),
      ]),
    );
    const steps = planned.length
      ? planRoundSteps({ sessions: planned, policy, timeZone, now, includeInvite: true })
      : [];
    return {
      people: audience.totalContacts,
      sessions: planned.map((session) => ({
        ...sessionSummary(session, language),
        people: counts.get(session.id) ?? 0,
      })),
      steps: stepRows([], steps, (id) => (id ? (titles.get(id) ?? null) : null), now),
    };
  }
}
