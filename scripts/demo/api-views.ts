/** The parts of Fushata's JSON answers the demo reads (dates arrive as ISO strings). */

export interface Page<T> {
  items: T[];
  total: number;
}

export interface StepView {
  id: string;
  kind: string;
  audience: string | null;
  dueAt: string;
  status: string;
  note: string | null;
  messages: { queued: number; sent: number; failed: number; skipped: number };
}

export interface ScheduleView {
  roundId: string;
  status: string;
  steps: StepView[];
}

export interface MessageView {
  recipient: string;
  template: string;
  subject: string | null;
  status: string;
}

export interface InvitationView {
  id: string;
  status: string;
  contact: { id: string; fullName: string; email: string };
  substituteForId: string | null;
}

export type NarrativeBlock =
  { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };
