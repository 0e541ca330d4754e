/**
 * When the demo round's events happen, in seconds, so that a whole round
 * plays in about a minute: the session starts `sessionStartsIn` after the
 * round is scheduled, and the policy's offsets are counted from it.
 */
export interface DemoTiming {
  /** From scheduling the round to the start of its one session. */
  sessionStartsIn: number;
  sessionLasts: number;
  /** Before the session: the reminder to those who have not answered. */
  remindNonRespondersBefore: number;
  /** Before the session: the reminder to those who accepted (a day before, in real life). */
  remindAcceptedBefore: number;
  /** After the session ends. */
  followUpAfter: number;
  /** After the session ends. */
  reportAfter: number;
  /** How long past its time an e-mail may take to arrive before the demo gives up on it. */
  grace: number;
}

export const DEMO_TIMING: DemoTiming = {
  sessionStartsIn: 30,
  sessionLasts: 10,
  remindNonRespondersBefore: 15,
  remindAcceptedBefore: 8,
  followUpAfter: 5,
  reportAfter: 8,
  grace: 20,
};

/** An ISO 8601 duration of whole seconds, as the workflow policy takes it. */
export const seconds = (value: number): string => `PT${value}S`;
