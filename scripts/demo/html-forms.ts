/** A form of a page, as a browser would submit it. */
export interface HtmlForm {
  /** Where it posts: its `action`, or the page itself. */
  action: string;
  method: string;
  /** Every named input with the value the page gave it (hidden ones carry their value as is). */
  inputs: Array<{ name: string; type: string; value: string; required: boolean }>;
  /** The text of its submit button. */
  button: string;
}

/**
 * The forms of a server-rendered page. Fushata's pages are plain HTML written
 * by one template each, so reading tags with patterns is enough here: no
 * browser is needed to see what a browser would post.
 */
export function formsOf(html: string, pageUrl: string): HtmlForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, attributes, body]) => {
    const form = attributesOf(attributes);
    return {
      action: new URL(form.get('action') ?? '', pageUrl).toString(),
      method: (form.get('method') ?? 'get').toUpperCase(),
      inputs: [...body.matchAll(/<input\b([^>]*)>/gi)]
        .map(([, input]) => attributesOf(input))
        .filter((input) => input.has('name'))
        .map((input) => ({
          name: input.get('name') as string,
          type: input.get('type') ?? 'text',
          value: input.get('value') ?? '',
          required: input.has('required'),
        })),
      button: textOf(/<button\b[^>]*>([\s\S]*?)<\/button>/i.exec(body)?.[1] ?? ''),
    };
  });
}

/** The text of an element's inner HTML: tags dropped, entities decoded, spaces folded. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name, quoted, bare] of tag.matchAll(
    /([\w-]+)(?:\s*=\s*(?:"([^"]*)"|([^\s>]+)))?/g,
  )) {
    attributes.set(name.toLowerCase(), decodeEntities(quoted ?? bare ?? ''));
  }
  return attributes;
}

/** Handlebars escapes & < > " ' ` = as entities; numeric ones cover the rest. */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (entity, code: string) => {
    if (code[0] !== '#') return named[code.toLowerCase()] ?? entity;
    return String.fromCodePoint(
      code[1].toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : Number(code.slice(1)),
    );
  });
}
