import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { applyContactImport } from './apply-contact-import';
import { loadCountyLookup } from './contact-import-lookups';
import { planContactImport } from './contact-import-planner';
import { toContactImportView } from './contact-import-report';
import { ContactImportView } from './dto/contact-import.view';
import { parseContactCsv } from './parse-contact-csv';

@Injectable()
export class ContactsImportService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Reports what the file does to the directory and, unless it is a dry run,
   * does it: all rows or none, so a file fixed and sent again never
   * half-applies twice.
   */
  async importContacts(csv: string | Buffer, dryRun: boolean): Promise<ContactImportView> {
    const parsed = parseContactCsv(csv, await loadCountyLookup(this.em));
    if (dryRun) return toContactImportView(await planContactImport(this.em, parsed), true);
    return this.em.transactional(async (em) => {
      const plan = await planContactImport(em, parsed);
      const report = toContactImportView(plan, false);
      if (report.summary.error === 0) await applyContactImport(em, plan);
      return report;
    });
  }
}
