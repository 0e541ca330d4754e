import { EntityManager } from '@mikro-orm/postgresql';
import { Language } from '../../common/language';
import { Contact } from '../contacts/contact.entity';
import { Institution } from '../institutions/institution.entity';
import { InstitutionKind } from '../institutions/institution-kind';
import { ContactImportPlan, InstitutionDraft, PlannedInstitution } from './contact-import-planner';

/** Writes a plan with no errors; one flush, so MikroORM batches the inserts and updates. */
export async function applyContactImport(
  em: EntityManager,
  plan: ContactImportPlan,
): Promise<void> {
  const created = new Map<InstitutionDraft, Institution>();
  const institutionFor = (planned: PlannedInstitution): Institution => {
    if (planned.action === 'match') return planned.institution;
    const { draft } = planned;
    const institution =
      created.get(draft) ??
      em.create(Institution, {
        name: draft.name,
        kind: draft.kind ?? InstitutionKind.Other,
        county: draft.county,
      });
    created.set(draft, institution);
    return institution;
  };

  for (const write of plan.writes) {
    const institution = write.institution && institutionFor(write.institution);
    if (write.action === 'create') {
      const { values } = write;
      em.create(Contact, {
        fullName: values.fullName,
        email: write.email,
        institution: institution ?? null,
        position: values.position ?? null,
        phone: values.phone ?? null,
        language: values.language ?? Language.Albanian,
        notes: values.notes ?? null,
      });
    } else {
      em.assign(write.contact, institution ? { ...write.values, institution } : write.values);
    }
  }
  await em.flush();
}
