import { DemoFailure, networkReason } from './demo-failure';
import { formsOf, textOf } from './html-forms';

/** The value of the `answer` field each of the page's three forms posts. */
export type RsvpAnswer = 'accept' | 'decline' | 'delegate';

export interface GivenAnswer {
  /** The button the visitor pressed, in their language. */
  button: string;
  /** What the page said afterwards: its notice and the answer it now shows. */
  confirmation: string;
}

interface PageVisit {
  status: number;
  location: string | null;
  body: string;
}

/**
 * Answers an invitation on its RSVP page as a person without JavaScript
 * would: opens the page (which changes nothing), submits the form of the
 * chosen answer with its hidden fields and what they typed, and follows the
 * redirect to the confirmation. `who` names the invitee in messages; the link
 * itself is a credential and is not shown.
 */
export async function answerOnPage(
  url: string,
  who: string,
  answer: RsvpAnswer,
  typed: Record<string, string> = {},
): Promise<GivenAnswer> {
  const page = await visit(url, 'GET', who);
  if (page.status !== 200) {
    throw new DemoFailure(`${who}'s answer page answered ${page.status}: ${textOf(page.body)}`);
  }
  const form = formsOf(page.body, url).find((candidate) =>
    candidate.inputs.some(
      (input) => input.type === 'hidden' && input.name === 'answer' && input.value === answer,
    ),
  );
  if (!form) {
    throw new DemoFailure(`${who}'s answer page offers no "${answer}" form: ${pageNotice(page)}`);
  }
  const fields = new URLSearchParams();
  for (const input of form.inputs) {
    const value = input.type === 'hidden' ? input.value : (typed[input.name] ?? input.value);
    if (input.required && !value) {
      throw new DemoFailure(`${who}'s "${answer}" form needs ${input.name}, which the demo lacks`);
    }
    fields.append(input.name, value);
  }
  const posted = await visit(form.action, form.method, who, fields);
  if (posted.status !== 303 || !posted.location) {
    throw new DemoFailure(
      `${who}'s "${answer}" was not taken (${posted.status}): ${pageNotice(posted)}`,
    );
  }
  const confirmed = await visit(new URL(posted.location, form.action).toString(), 'GET', who);
  return { button: form.button, confirmation: pageNotice(confirmed) };
}

async function visit(
  url: string,
  method: string,
  who: string,
  form?: URLSearchParams,
): Promise<PageVisit> {
  try {
    const response = await fetch(url, {
      method,
      // The confirmation is a 303 to follow by hand, as the page's contract is "POST, then redirect".
      redirect: 'manual',
      headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      body: form?.toString(),
      signal: AbortSignal.timeout(30_000),
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
    };
  } catch (error) {
    throw new DemoFailure(`${who}'s answer page did not load (${networkReason(error)})`);
  }
}

/** The page's notices (done, a problem) and the answer it shows, as one line. */
function pageNotice(page: PageVisit): string {
  const notices = [...page.body.matchAll(/<p\b[^>]*class="notice[^"]*"[^>]*>([\s\S]*?)<\/p>/g)];
  const current = /<p\b[^>]*id="current-answer"[^>]*>([\s\S]*?)<\/p>/.exec(page.body);
  return [...notices.map(([, html]) => textOf(html)), current ? textOf(current[1]) : '']
    .filter(Boolean)
    .join(' ');
}
