import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language } from '../common/language';
import { EmailContext, RenderedEmail } from './email-context';
import { registerTemplateHelpers } from './template-helpers';
import { TemplateName } from './template-name';

export { TemplateName };

/**
 * `<root>/templates` seen from src/messaging (ts-jest) and `dist/templates`
 * seen from dist/src/messaging, where nest-cli.json's assets put a copy.
 */
export const DEFAULT_TEMPLATES_DIRECTORY = join(__dirname, '../../templates');

/** Where the e-mail templates are: EMAIL_TEMPLATES_DIR, or the bundled ones. */
export const TEMPLATES_DIRECTORY = Symbol('TEMPLATES_DIRECTORY');

/** HTML output escapes every {{value}}; text output (and the subject) must not contain &amp;. */
type Output = 'html' | 'text';

type Template = Handlebars.TemplateDelegate;
type Partials = Record<string, Template>;

const TEMPLATE_NAMES = new Set<string>(Object.values(TemplateName));
const LANGUAGES = new Set<string>(Object.values(Language));

/** Control characters, including the line breaks that would start a new mail header. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * A template could not be rendered: the file is missing, does not parse, or a
 * helper refused the data. The caller records it on the one message concerned.
 */
export class TemplateRenderError extends Error {
  constructor(
    readonly template: string,
    readonly reason: string,
  ) {
    super(`template ${template} could not be rendered: ${reason}`);
    this.name = 'TemplateRenderError';
  }
}

/**
 * Renders the e-mails in `templates/`: `<name>/<language>.{subject,html,text}.hbs`,
 * wrapped in `layouts/email.{html,text}.hbs`, with the partials of
 * `templates/partials/` (`<partial>[.<language>][.html|.text].hbs`; a template
 * says `{{> session-list}}` and gets the one in its language and output).
 * One Handlebars instance; each file is read and compiled once.
 */
@Injectable()
export class TemplateRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly templates = new Map<string, Template>();
  private partialSets?: Map<string, Partials>;

  constructor(
    @Inject(TEMPLATES_DIRECTORY)
    private readonly directory: string = DEFAULT_TEMPLATES_DIRECTORY,
  ) {
    registerTemplateHelpers(this.handlebars);
  }

  /** @throws TemplateRenderError naming the template and the reason. */
  render(template: TemplateName, context: EmailContext): RenderedEmail {
    try {
      if (!TEMPLATE_NAMES.has(template)) throw new Error('no such template');
      if (!LANGUAGES.has(context.language)) throw new Error(`no language ${context.language}`);
      const data = templateData(context);
      const file = (part: string) => `${template}/${context.language}.${part}.hbs`;

      const subject = headerLine(this.run(file('subject'), 'text', data));
      const htmlBody = this.run(file('html'), 'html', data);
      const textBody = this.run(file('text'), 'text', data);
      return {
        subject,
        html: this.run('layouts/email.html.hbs', 'html', { ...data, subject, body: htmlBody }),
        text: tidyText(
          this.run('layouts/email.text.hbs', 'text', { ...data, subject, body: textBody }),
        ),
      };
    } catch (error) {
      throw new TemplateRenderError(
        template,
        error instanceof Error ? error.message : String(error),
      );
    }
  }

  private run(file: string, output: Output, data: object): string {
    const language = (data as { language: Language }).language;
    return this.template(file, output)(data, { partials: this.partials(language, output) });
  }

  private template(file: string, output: Output): Template {
    const key = `${output}:${file}`;
    let template = this.templates.get(key);
    if (!template) {
      template = this.compile(this.read(file), output);
      this.templates.set(key, template);
    }
    return template;
  }

  /**
   * Partials are compiled per output and handed to each render, never
   * registered on the instance: Handlebars would otherwise compile a shared
   * partial once, with the escaping of whichever template used it first.
   */
  private partials(language: Language, output: Output): Partials {
    this.partialSets ??= this.loadPartials();
    return this.partialSets.get(`${language}:${output}`) ?? {};
  }

  private loadPartials(): Map<string, Partials> {
    const files = readdirSync(join(this.directory, 'partials')).filter((f) => f.endsWith('.hbs'));
    const sets = new Map<string, Partials>();
    for (const language of Object.values(Language)) {
      for (const output of ['html', 'text'] as const) {
        const shared: Partials = {};
        const own: Partials = {};
        for (const file of files) {
          const parts = file.slice(0, -'.hbs'.length).split('.');
          const partOutput =
            parts.at(-1) === 'html' || parts.at(-1) === 'text' ? parts.pop() : undefined;
          const partLanguage =
            parts.length > 1 && LANGUAGES.has(parts.at(-1)!) ? parts.pop() : undefined;
          if (
            (partOutput && partOutput !== output) ||
            (partLanguage && partLanguage !== language)
          ) {
            continue;
          }
          const compiled = this.compile(this.read(`partials/${file}`), output);
          (partLanguage ? own : shared)[parts.join('.')] = compiled;
        }
        sets.set(`${language}:${output}`, { ...shared, ...own });
      }
    }
    return sets;
  }

  private compile(source: string, output: Output): Template {
    return this.handlebars.compile(source, { noEscape: output === 'text' });
  }

  private read(file: string): string {
    try {
      return readFileSync(join(this.directory, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(`no template file ${file} in ${this.directory}`);
      }
      throw error;
    }
  }
}

/**
 * What the templates see: every string on one line (a name is never
 * multi-line, and a line break in one must not forge a header or a fake
 * paragraph), sessions in calendar order.
 */
function templateData(context: EmailContext): EmailContext {
  const data = singleLine(context) as EmailContext;
  data.sessions = [...data.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return data;
}

export function singleLine(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(CONTROL_CHARACTERS, ' ');
  if (Array.isArray(value)) return value.map(singleLine);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, singleLine(v)]));
  }
  return value;
}

function headerLine(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Block tags leave blank lines and trailing spaces behind; plain text should not show them. */
function tidyText(text: string): string {
  return `${text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
