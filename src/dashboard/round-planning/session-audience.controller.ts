import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { RequestError } from '../../common/request-error';
import { RoundSession } from '../../rounds/round-session.entity';
import { RoundStatus } from '../../rounds/round-status';
import { RoundsService } from '../../rounds/rounds.service';
import { AudienceIds, audienceIdsOf } from '../../rounds/session-audience';
import { SessionStatus } from '../../rounds/session-kind';
import { assertNotStarted, SessionsService } from '../../rounds/sessions.service';
import { RoundScheduler } from '../../workflow/round-scheduler';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';
import {
  AudienceChangePreview,
  AudienceChangePreviewBuilder,
  changesNothing,
  NOTHING_CHANGES,
} from './audience-change-preview';
import { AudienceCount } from './audience-count';
import { AudiencePicker, PickerFilters, pickerFilters } from './audience-picker';
import { FormErrors, formErrors, NO_ERRORS, userProblems } from './form-errors';
import { FormInput } from './form-input';
import { isOpen, roundSummary, sessionSummary } from './plan-view';
import { audienceFormValues } from './session-form';
import { WritersOnly } from './writers-only.decorator';

/** Every problem of the audience, `audience.contactIds[2]` included, is shown beside the picker. */
const audienceField = (apiField: string) => (apiField.startsWith('audience') ? 'audience' : null);

/**
 * Changing who a session of a running round invites: the same picker as the
 * draft's session form, then a preview of who is invited late and whose
 * invitation is withdrawn (and who hears of it), and only the confirmation
 * of that preview changes anything. A confirmation made from a preview
 * that no longer holds is refused with the new preview.
 */
@DashboardPages()
@Controller('app/sessions')
export class SessionAudienceController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly sessions: SessionsService,
    private readonly scheduler: RoundScheduler,
    private readonly previews: AudienceChangePreviewBuilder,
    private readonly picker: AudiencePicker,
    private readonly counter: AudienceCount,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get(':id/audience')
  @WritersOnly()
  async form(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.load(id);
    // A draft's audience is edited with the rest of the session, and sends nothing.
    if (session.round.status === RoundStatus.Draft) {
      return redirect(reply, `/app/sessions/${id}/edit`);
    }
    assertChangeable(session);
    const input = FormInput.of(request.query);
    // The picker's filters and "Update count" come back by GET with what was ticked.
    const audience = input.text('form') === 'audience' ? audienceFormValues(input) : null;
    await this.sendForm(reply, request, session, audience ?? audienceIdsOf(session), {
      filters: pickerFilters(input),
      errors: NO_ERRORS,
    });
  }

  @Post(':id/audience/preview')
  async preview(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.changeable(id);
    const input = FormInput.of(request.body);
    const audience = audienceFormValues(input);
    const checked = await this.check(session, audience, pickerFilters(input));
    if (!checked.preview) {
      return this.sendForm(reply, request, session, audience, checked.form, 422);
    }
    this.sendPreview(reply, request, session, audience, checked.preview, false);
  }

  @Post(':id/audience')
  async confirm(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.changeable(id);
    const input = FormInput.of(request.body);
    const audience = audienceFormValues(input);
    const checked = await this.check(session, audience, pickerFilters(input));
    if (!checked.preview) {
      return this.sendForm(reply, request, session, audience, checked.form, 422);
    }
    const seen =
      input.text('scheduleVersion') === String(session.round.scheduleVersion) &&
      input.text('fingerprint') === checked.preview.fingerprint;
    if (!seen) {
      return this.sendPreview(reply, request, session, audience, checked.preview, true);
    }
    try {
      await this.scheduler.updateSession(id, { audience }, session.round.scheduleVersion);
    } catch (exception) {
      const refused = userProblems(exception);
      const errors = formErrors(refused.problems, audienceField);
      const form = { filters: pickerFilters(input), errors };
      return this.sendForm(reply, request, session, audience, form, refused.status);
    }
    redirect(reply, `/app/rounds/${session.round.id}?saved=1#sessions`);
  }

  /** The preview of the new audience, or the form with the reasons it is refused. */
  private async check(
    session: RoundSession,
    audience: AudienceIds,
    filters: PickerFilters,
  ): Promise<
    | { preview: AudienceChangePreview; form?: undefined }
    | { preview?: undefined; form: { filters: PickerFilters; errors: FormErrors } }
  > {
    const problems = await this.previews.problems(session, audience);
    if (problems.length) return { form: { filters, errors: formErrors(problems, audienceField) } };
    const preview = await this.previews.build(session, audience);
    if (changesNothing(preview)) {
      return { form: { filters, errors: formErrors([NOTHING_CHANGES], audienceField) } };
    }
    return { preview };
  }

  /** The session with its audience, and its round with campaign, county and staff, for the page. */
  private async load(id: string): Promise<RoundSession> {
    const session = await this.sessions.get(id);
    await this.rounds.get(session.round.id);
    return session;
  }

  private async changeable(id: string): Promise<RoundSession> {
    const session = await this.load(id);
    assertChangeable(session);
    return session;
  }

  private async sendForm(
    reply: FastifyReply,
    request: DashboardRequest,
    session: RoundSession,
    audience: AudienceIds,
    state: { filters: PickerFilters; errors: FormErrors },
    status = 200,
  ): Promise<void> {
    const round = session.round;
    const language = request.user.language;
    const sessions = await this.sessions.sessionsOf(round);
    const path = `/app/sessions/${session.id}/audience`;
    this.renderer.send(
      reply,
      'session-audience',
      { request },
      {
        section: 'campaigns',
        round: roundSummary(round, language),
        session: sessionSummary(session, language),
        form: {
          errors: state.errors,
          picker: await this.picker.options(round, audience, state.filters),
          count: await this.counter.count(sessions, audience, session.id),
          actions: {
            submit: `${path}/preview`,
            preview: path,
            count: `/app/rounds/${round.id}/audience-count?sessionId=${session.id}`,
          },
        },
      },
      status,
    );
  }

  /** `changed`: the confirmation came from an older preview, so this one is shown with a 409. */
  private sendPreview(
    reply: FastifyReply,
    request: DashboardRequest,
    session: RoundSession,
    audience: AudienceIds,
    preview: AudienceChangePreview,
    changed: boolean,
  ): void {
    const language = request.user.language;
    this.renderer.send(
      reply,
      'session-audience-preview',
      { request },
      {
        section: 'campaigns',
        round: roundSummary(session.round, language),
        session: sessionSummary(session, language),
        audience,
        preview,
        changed,
        // Back to the picker with the choices of this preview still ticked.
        changePath: `/app/sessions/${session.id}/audience?${ticked(audience)}`,
      },
      changed ? 409 : 200,
    );
  }
}

/** The picker's query string with these choices ticked. */
function ticked(audience: AudienceIds): URLSearchParams {
  const query = new URLSearchParams({ form: 'audience' });
  for (const [name, ids] of Object.entries(audience)) {
    for (const id of ids as string[]) query.append(name, id);
  }
  return query;
}

/** A planned session of a scheduled or running round that has not started yet. */
function assertChangeable(session: RoundSession): void {
  const round = session.round;
  if (round.status === RoundStatus.Draft) {
    throw RequestError.conflict(
      'status',
      "the round is a draft; change the audience on the session's edit page",
    );
  }
  if (!isOpen(round)) throw RequestError.conflict('status', `the round is ${round.status}`);
  if (session.status === SessionStatus.Cancelled) {
    throw RequestError.conflict('status', 'the session is cancelled');
  }
  assertNotStarted(session, 'change');
}
