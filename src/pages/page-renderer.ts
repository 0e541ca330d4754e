import { Inject, Injectable, Optional } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language } from '../common/language';
import { registerTemplateHelpers } from '../messaging/template-helpers';
import { PageName } from './page-name';

/** `<root>/templates/pages` seen from src/pages (ts-jest) and from dist/src/pages (nest-cli.json assets). */
export const DEFAULT_PAGES_DIRECTORY = join(__dirname, '../../templates/pages');

/** Lets a test point the renderer at other page files. */
export const PAGES_DIRECTORY = Symbol('PAGES_DIRECTORY');

type Template = Handlebars.TemplateDelegate;
/** A page's texts in one language; `title` names the browser tab. */
type PageStrings = { title: string } & Record<string, unknown>;

/**
 * Renders the public pages of `templates/pages/`: `<page>.hbs` inside
 * `layout.hbs`, with the texts of `strings/<language>.json`, where each page
 * reads its own section as `t`. Every `{{value}}` is HTML-escaped. All files
 * are read, compiled and checked when the service is built, so a missing
 * page or text stops start-up instead of failing a visitor's request. Dates
 * use the e-mails' helpers, which read `language` and `timeZone` from the data.
 */
@Injectable()
export class PageRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly layout: Template;
  private readonly pages = new Map<PageName, Template>();
  private readonly strings = new Map<Language, Record<PageName, PageStrings>>();

  constructor(
    @Optional()
    @Inject(PAGES_DIRECTORY)
    directory: string = DEFAULT_PAGES_DIRECTORY,
  ) {
    registerTemplateHelpers(this.handlebars);
    const read = (file: string) => readFileSync(join(directory, file), 'utf8');
    // Parsing first: Handlebars compiles lazily, and a syntax error should show now, not on a visit.
    const compile = (file: string) => this.handlebars.compile(this.handlebars.parse(read(file)));
    this.layout = compile('layout.hbs');
    for (const page of Object.values(PageName)) this.pages.set(page, compile(`${page}.hbs`));
    for (const language of Object.values(Language)) {
      const strings = JSON.parse(read(`strings/${language}.json`)) as Record<string, unknown>;
      this.strings.set(language, strings as Record<PageName, PageStrings>);
    }
    assertSameTexts(this.strings);
  }

  /** A page in the visitor's language. */
  render(page: PageName, language: Language, data: object = {}): string {
    const t = this.textsOf(language, page);
    return this.layout({
      language,
      title: t.title,
      sections: [{ language, body: this.pages.get(page)!({ ...data, language, t }) }],
    });
  }

  /** A page for a visitor whose language is unknown (a link that leads nowhere): every language in turn. */
  renderInEveryLanguage(page: PageName): string {
    const languages = Object.values(Language);
    return this.layout({
      language: languages[0],
      title: languages.map((language) => this.textsOf(language, page).title).join(' / '),
      sections: languages.map((language) => ({
        language,
        body: this.pages.get(page)!({ language, t: this.textsOf(language, page) }),
      })),
    });
  }

  private textsOf(language: Language, page: PageName): PageStrings {
    return this.strings.get(language)![page];
  }
}

/** Every language has every text of every page, so no visitor meets a blank. */
function assertSameTexts(strings: Map<Language, Record<PageName, PageStrings>>): void {
  const [first, ...others] = [...strings.entries()];
  const keysOf = (texts: object) => new Set(keyPaths(texts));
  const expected = keysOf(first[1]);
  for (const page of Object.values(PageName)) {
    if (typeof first[1][page]?.title !== 'string') {
      throw new Error(`page strings ${first[0]}.json have no ${page}.title`);
    }
  }
  for (const [language, texts] of others) {
    const actual = keysOf(texts);
    const missing = [...expected].filter((key) => !actual.has(key));
    const extra = [...actual].filter((key) => !expected.has(key));
    if (missing.length || extra.length) {
      throw new Error(
        `page strings ${language}.json differ from ${first[0]}.json: ` +
          [...missing.map((k) => `missing ${k}`), ...extra.map((k) => `extra ${k}`)].join(', '),
      );
    }
  }
}

function keyPaths(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    child && typeof child === 'object'
      ? keyPaths(child as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}
