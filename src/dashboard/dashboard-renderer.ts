import { StatusLabels, statusLabels } from '../common/status-labels';
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import { Role } from '../auth/role';
import { Language } from '../common/language';
import { registerTemplateHelpers } from '../messaging/template-helpers';
import { DashboardRequest } from './dashboard-request';

/** `<root>/templates/dashboard` seen from src/dashboard (ts-jest) and from dist/src/dashboard. */
export const DASHBOARD_TEMPLATES_DIRECTORY = join(__dirname, '../../templates/dashboard');

const LAYOUT = 'layout';
/** Dates on the dashboard are the office's: Tirana time unless a page says otherwise. */
const OFFICE_TIME_ZONE = 'Europe/Tirane';

type Template = Handlebars.TemplateDelegate;
type Texts = Record<string, unknown>;

/** What every view receives besides its own data. */
export interface ViewFrame {
  language: Language;
  /** The view's texts in the user's language. */
  t: Texts;
  /** The layout's texts (navigation, buttons every page has). */
  l: Texts;
  /** The one name of each status and kind, shared with the reports: `{{lookup @root.names.roundStatuses status}}`. */
  names: StatusLabels;
  user: { name: string; email: string; role: Role } | null;
  canWrite: boolean;
  isAdmin: boolean;
  csrfToken: string;
  timeZone: string;
  /** The page's own address, for forms that come back to it (the language switch). */
  returnTo: string;
}

/**
 * Renders the office's dashboard: one folder per view under
 * `templates/dashboard/<view>/` with `view.hbs` and its texts `sq.json` and
 * `en.json`, inside `layout/view.hbs`, with the partials of
 * `templates/dashboard/partials/`. Every `{{value}}` is escaped. All files
 * are read, compiled and checked when the service is built, so a missing
 * view or text stops start-up instead of failing a user's click.
 */
@Injectable()
export class DashboardRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly views = new Map<string, Template>();
  private readonly texts = new Map<string, Record<Language, Texts>>();

  constructor() {
    registerTemplateHelpers(this.handlebars);
    this.handlebars.registerHelper('includes', (list: unknown, item: unknown) =>
      Array.isArray(list) ? list.includes(item) : false,
    );
    const directory = DASHBOARD_TEMPLATES_DIRECTORY;
    const partials = join(directory, 'partials');
    if (existsSync(partials)) {
      for (const file of readdirSync(partials).filter((name) => name.endsWith('.hbs'))) {
        this.handlebars.registerPartial(file.slice(0, -4), read(join(partials, file)));
      }
    }
    for (const view of readdirSync(directory, { withFileTypes: true })) {
      if (!view.isDirectory() || view.name === 'partials') continue;
      const folder = join(directory, view.name);
      // Parsing first: Handlebars compiles lazily, and a syntax error should show now.
      const source = read(join(folder, 'view.hbs'));
      this.handlebars.parse(source);
      this.views.set(view.name, this.handlebars.compile(source));
      const texts = Object.fromEntries(
        Object.values(Language).map((language) => [
          language,
          JSON.parse(read(join(folder, `${language}.json`))) as Texts,
        ]),
      ) as Record<Language, Texts>;
      assertSameKeys(view.name, texts);
      this.texts.set(view.name, texts);
    }
    if (!this.views.has(LAYOUT)) throw new Error(`no dashboard layout in ${directory}`);
  }

  /** Sends `view` inside the layout, in the signed-in user's language (or `language` before sign-in). */
  send(
    reply: FastifyReply,
    view: string,
    frame: { request: DashboardRequest | null; csrfToken?: string; language?: Language },
    data: object = {},
    status = 200,
  ): void {
    const html = this.render(view, frame, data);
    void reply
      .status(status)
      .headers({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' })
      .type('text/html; charset=utf-8')
      .send(html);
  }

  render(
    view: string,
    frame: { request: DashboardRequest | null; csrfToken?: string; language?: Language },
    data: object = {},
  ): string {
    const template = this.views.get(view);
    if (!template) throw new Error(`no dashboard view ${view}`);
    const user = frame.request?.user ?? null;
    const language = user?.language ?? frame.language ?? Language.Albanian;
    const base: ViewFrame = {
      language,
      t: this.texts.get(view)![language],
      l: this.texts.get(LAYOUT)![language],
      names: statusLabels(language),
      user: user && { name: user.name, email: user.email, role: user.role },
      canWrite: user ? user.role !== Role.Viewer : false,
      isAdmin: user?.role === Role.Admin,
      csrfToken: frame.request?.csrfToken ?? frame.csrfToken ?? '',
      timeZone: OFFICE_TIME_ZONE,
      returnTo: frame.request?.url ?? '/app',
    };
    const context = { ...base, ...data };
    const body = template(context);
    // The page's own subject first (a round, a contact), so tabs and history tell pages apart.
    const kind = (context.t as { title?: string }).title ?? '';
    const subject = (data as { pageSubject?: string }).pageSubject;
    const title = subject ? `${subject} – ${kind}` : kind;
    return this.views.get(LAYOUT)!({ ...context, t: base.l, body, title, view });
  }
}

function read(file: string): string {
  return readFileSync(file, 'utf8');
}

/** Both languages have every text of a view, so no user meets a blank. */
function assertSameKeys(view: string, texts: Record<Language, Texts>): void {
  const keysOf = (value: unknown, prefix = ''): string[] =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value).flatMap(([key, inner]) => keysOf(inner, `${prefix}${key}.`))
      : [prefix.slice(0, -1)];
  const [first, ...others] = Object.values(Language);
  const expected = keysOf(texts[first]).sort().join(',');
  for (const language of others) {
    if (keysOf(texts[language]).sort().join(',') !== expected) {
      throw new Error(
        `dashboard view ${view}: ${language}.json and ${first}.json differ in their keys`,
      );
    }
  }
}
