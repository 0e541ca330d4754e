import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language } from '../common/language';
import { singleLine } from '../messaging/template-renderer';
import { formatNumber } from './report-format';
import { REPORT_TEMPLATES_DIRECTORY } from './report-labels';
import { NarrativeBlock, RoundReport } from './report-model';

const BULLET = '• ';

/**
 * Writes a round's published text from `templates/reports/narrative/<language>.hbs`:
 * paragraphs separated by blank lines, bullet lists as lines starting with "• ".
 * The template's output is plain text; each format escapes it when it writes it.
 */
@Injectable()
export class NarrativeWriter {
  private readonly handlebars = Handlebars.create();
  private readonly templates = new Map<Language, Handlebars.TemplateDelegate>();

  constructor() {
    const lists = new Map(
      Object.values(Language).map((language) => [
        language,
        new Intl.ListFormat(language === Language.Albanian ? 'sq' : 'en-GB', {
          type: 'conjunction',
        }),
      ]),
    );
    const languageOf = (options: Handlebars.HelperOptions) =>
      (options.data as { root: { language: Language } }).root.language;
    this.handlebars.registerHelper('eq', (left: unknown, right: unknown) => left === right);
    this.handlebars.registerHelper('list', (items: string[], options: Handlebars.HelperOptions) =>
      lists.get(languageOf(options))!.format(items),
    );
    this.handlebars.registerHelper(
      'formatNumber',
      (value: number, options: Handlebars.HelperOptions) =>
        formatNumber(value, languageOf(options)),
    );
    for (const language of Object.values(Language)) {
      const source = readFileSync(
        join(REPORT_TEMPLATES_DIRECTORY, 'narrative', `${language}.hbs`),
        'utf8',
      );
      this.templates.set(language, this.handlebars.compile(source, { noEscape: true }));
    }
  }

  write(report: Omit<RoundReport, 'narrative'>): NarrativeBlock[] {
    const held = report.sessions
      .filter((session) => session.status === 'planned')
      .map((session) => ({
        ...session,
        participants: session.counts.participants,
        // A session nobody counted says nothing about its numbers rather than "0 people".
        counted:
          session.counts.headCount !== null || session.counts.attended + session.counts.walkIns > 0,
      }));
    const text = this.templates.get(report.language)!(
      // A line break inside entered text would split a paragraph or fake a bullet.
      singleLine({
        language: report.language,
        campaign: report.campaign,
        round: report.round,
        oneDay: report.round.startsOn === report.round.endsOn,
        held,
        recommendations: report.recommendations,
        materials: report.materials,
        nextRounds: report.nextRounds,
      }),
    );
    return toBlocks(text);
  }
}

function toBlocks(text: string): NarrativeBlock[] {
  return text
    .split(/\n\s*\n/)
    .map((chunk) =>
      chunk
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0)
    .map((lines): NarrativeBlock =>
      lines.every((line) => line.startsWith(BULLET))
        ? { kind: 'list', items: lines.map((line) => line.slice(BULLET.length)) }
        : { kind: 'paragraph', text: lines.join(' ') },
    );
}
