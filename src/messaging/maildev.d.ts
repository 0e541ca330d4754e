/** The part of MailDev 2's programmatic API the development mail catcher uses; the package ships no types. */
declare module 'maildev' {
  class MailDev {
    constructor(options: MailDev.Options);
    /** The smtp-server instance; MailDev rethrows its errors from its own handler. */
    smtp: import('node:events').EventEmitter;
    listen(): Promise<void>;
    close(callback: () => void): void;
  }

  namespace MailDev {
    interface Options {
      smtp: number;
      web: number;
      ip: string;
      silent?: boolean;
    }
  }

  export = MailDev;
}

/** MailDev's web inbox; its HTTP server starts listening inside the MailDev constructor. */
declare module 'maildev/lib/web' {
  const web: { server: import('node:http').Server | null };
  export = web;
}
