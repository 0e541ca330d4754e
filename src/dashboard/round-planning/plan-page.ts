import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AudiencePreviewService } from '../../rounds/audience-preview.service';
import { RoundSession } from '../../rounds/round-session.entity';
import { RoundStatus } from '../../rounds/round-status';
import { Round } from '../../rounds/round.entity';
import { SessionKind } from '../../rounds/session-kind';
import { SessionsService } from '../../rounds/sessions.service';
import { INVITE_RAN } from '../../workflow/round-step-plan';
import { RoundTimeline } from '../../workflow/round-timeline';
import { StepKind } from '../../workflow/step-kind';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest } from '../dashboard-request';
import { AudienceCount } from './audience-count';
import { AudiencePicker, PickerFilters } from './audience-picker';
import { FormErrors, NO_ERRORS } from './form-errors';
import { isOpen, roundSummary, sessionRows, sessionSummary, writes } from './plan-view';
import { SessionFormValues } from './session-form';

/** A session form as it is shown: what was typed, the filters of its picker, and what was wrong. */
export interface SessionFormState {
  values: SessionFormValues;
  filters: PickerFilters;
  errors?: FormErrors;
}

/**
 * The two pages with a session form: the round's plan (its sessions and a
 * form to add one, to a scheduled round too) and a session's edit page. Both show the audience picker
 * with the live count, and the same form again with its reasons when the
 * service refused it.
 */
@Injectable()
export class PlanPage {
  constructor(
    private readonly renderer: DashboardRenderer,
    private readonly sessions: SessionsService,
    private readonly previews: AudiencePreviewService,
    private readonly picker: AudiencePicker,
    private readonly counter: AudienceCount,
    private readonly timeline: RoundTimeline,
  ) {}

  async sendPlan(
    reply: FastifyReply,
    request: DashboardRequest,
    round: Round,
    state: SessionFormState,
    notice: 'added' | 'saved' | null = null,
    status = 200,
  ): Promise<void> {
    const sessions = await this.sessions.sessionsOf(round);
    const preview = await this.previews.preview(round);
    const addable = writes(request.user) && isOpen(round);
    this.renderer.send(
      reply,
      'round-plan',
      { request },
      {
        section: 'campaigns',
        round: roundSummary(round, request.user.language),
        sessions: sessionRows(round, sessions, preview, request.user),
        totalPeople: preview.totalContacts,
        notice,
        form: addable
          ? {
              ...(await this.form(round, sessions, state, null, {
                submit: `/app/rounds/${round.id}/sessions`,
                preview: `/app/rounds/${round.id}/plan`,
              })),
              invites: await this.whenInvited(round),
            }
          : null,
      },
      status,
    );
  }

  async sendEdit(
    reply: FastifyReply,
    request: DashboardRequest,
    session: RoundSession,
    state: SessionFormState,
    status = 200,
  ): Promise<void> {
    const round = session.round;
    const sessions = await this.sessions.sessionsOf(round);
    this.renderer.send(
      reply,
      'session-edit',
      { request },
      {
        section: 'campaigns',
        round: roundSummary(round, request.user.language),
        session: sessionSummary(session, request.user.language),
        form: await this.form(round, sessions, state, session.id, {
          submit: `/app/sessions/${session.id}/edit`,
          preview: `/app/sessions/${session.id}/edit`,
        }),
      },
      status,
    );
  }

  /**
   * When a session added now is invited, as RoundScheduler.addSession plans
   * it: a draft invites nobody yet, a scheduled round with its invitation
   * still to come invites with it, and once that has gone out, at once.
   */
  private async whenInvited(round: Round): Promise<'later' | 'withRound' | 'atOnce'> {
    if (round.status === RoundStatus.Draft) return 'later';
    const { steps } = await this.timeline.schedule(round.id);
    const sent = steps.some(
      (step) => step.kind === StepKind.Invite && INVITE_RAN.includes(step.status),
    );
    return sent ? 'atOnce' : 'withRound';
  }

  private async form(
    round: Round,
    sessions: RoundSession[],
    state: SessionFormState,
    editing: string | null,
    actions: { submit: string; preview: string },
  ) {
    const { audience } = state.values;
    const picker = await this.picker.options(round, audience, state.filters);
    const count = await this.counter.count(sessions, audience, editing);
    return {
      values: state.values,
      errors: state.errors ?? NO_ERRORS,
      picker,
      count,
      kinds: Object.values(SessionKind),
      actions: {
        ...actions,
        count: `/app/rounds/${round.id}/audience-count?sessionId=${editing ?? ''}`,
      },
    };
  }
}
