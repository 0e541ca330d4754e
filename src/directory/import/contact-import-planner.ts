import { EntityManager } from '@mikro-orm/postgresql';
import { FieldError } from '../../common/error-body';
import { toSearchKey } from '../../common/search-key';
import { Contact } from '../contacts/contact.entity';
import { County } from '../counties/county.entity';
import { Institution } from '../institutions/institution.entity';
import { InstitutionKind } from '../institutions/institution-kind';
import { ContactCsvRow, ContactRowValues } from './contact-csv-row';
import { findActiveContactsByEmail, findActiveInstitutionsByName } from './contact-import-lookups';
import { ContactImportRowView } from './dto/contact-import.view';
import { matchInstitution } from './match-institution';
import { ParsedContactCsv } from './parse-contact-csv';

/** An institution the import creates; every row naming it shares the one draft. */
export interface InstitutionDraft {
  name: string;
  county: County | null;
  kind?: InstitutionKind;
}

export type PlannedInstitution =
  { action: 'match'; institution: Institution } | { action: 'create'; draft: InstitutionDraft };

export type ContactWrite =
  | {
      action: 'create';
      email: string;
      values: ContactRowValues & { fullName: string };
      institution?: PlannedInstitution;
    }
  | {
      action: 'update';
      contact: Contact;
      /** Only the fields that change. */
      values: ContactRowValues;
      institution?: PlannedInstitution;
    };

export interface ContactImportPlan {
  rows: ContactImportRowView[];
  writes: ContactWrite[];
  institutionDrafts: InstitutionDraft[];
}

const COMPARED_FIELDS = ['fullName', 'position', 'phone', 'language', 'notes'] as const;

/**
 * Decides what each row does to the directory, reading it but changing
 * nothing, so a dry run and a real run report the same thing.
 */
export async function planContactImport(
  em: EntityManager,
  { columns, rows }: ParsedContactCsv,
): Promise<ContactImportPlan> {
  const validRows = rows.filter(isValidRow);
  const contacts = await findActiveContactsByEmail(
    em,
    validRows.map((row) => row.email),
  );
  const institutions = await findActiveInstitutionsByName(
    em,
    validRows.flatMap((row) => (row.institution ? [row.institution.name] : [])),
  );
  const drafts = new Map<string, InstitutionDraft>();

  /** The institution a row names, or why it cannot tell which one. */
  const planInstitution = (row: ValidRow): PlannedInstitution | FieldError | undefined => {
    const reference = row.institution;
    if (!reference) return undefined;
    const name = toSearchKey(reference.name);
    const match = matchInstitution(institutions.get(name) ?? [], reference.county);
    if ('found' in match) return { action: 'match', institution: match.found };
    if ('ambiguous' in match) {
      const counties = match.ambiguous.map((institution) => institution.county?.name).join(', ');
      return {
        row: row.row,
        field: columns.institution?.header ?? 'institution',
        reason: `several institutions have this name (in ${counties}); give the county`,
      };
    }
    const key = `${name}|${reference.county?.id ?? ''}`;
    const draft = drafts.get(key) ?? { name: reference.name, county: reference.county };
    // The first row that says what kind of institution it is decides.
    draft.kind ??= reference.kind;
    drafts.set(key, draft);
    return { action: 'create', draft };
  };

  const planNewContact = (row: ValidRow): PlannedRow => {
    const { fullName } = row.values;
    if (fullName === undefined) {
      const field = columns.fullName?.header ?? 'name';
      return errorRow(row, [{ row: row.row, field, reason: 'is required for a new contact' }]);
    }
    const institution = planInstitution(row);
    if (isFieldError(institution)) return errorRow(row, [institution]);
    return {
      view: { ...rowView(row, institution), action: 'create' },
      write: {
        action: 'create',
        email: row.email,
        values: { ...row.values, fullName },
        institution,
      },
    };
  };

  const planExistingContact = (row: ValidRow, contact: Contact): PlannedRow => {
    const institution = planInstitution(row);
    if (isFieldError(institution)) return errorRow(row, [institution]);
    const { values, changes } = changedValues(contact, row, institution);
    const view = rowView(row, institution);
    if (!changes.length) return { view: { ...view, action: 'unchanged' } };
    return {
      view: { ...view, action: 'update', changes },
      write: {
        action: 'update',
        contact,
        values,
        institution: changes.includes('institution') ? institution : undefined,
      },
    };
  };

  const planned = rows.map((row) => {
    if (!isValidRow(row)) return errorRow(row, row.errors);
    const contact = contacts.get(row.email.toLowerCase());
    return contact ? planExistingContact(row, contact) : planNewContact(row);
  });
  return {
    rows: planned.map(({ view }) => view),
    writes: planned.flatMap(({ write }) => (write ? [write] : [])),
    institutionDrafts: [...drafts.values()],
  };
}

type ValidRow = ContactCsvRow & { email: string };

interface PlannedRow {
  view: ContactImportRowView;
  write?: ContactWrite;
}

function isValidRow(row: ContactCsvRow): row is ValidRow {
  return row.errors.length === 0 && row.email !== null;
}

function isFieldError(value: PlannedInstitution | FieldError | undefined): value is FieldError {
  return value !== undefined && 'reason' in value;
}

function errorRow(row: ContactCsvRow, errors: FieldError[]): PlannedRow {
  return { view: { row: row.row, email: row.email, action: 'error', institution: null, errors } };
}

function rowView(row: ContactCsvRow, institution: PlannedInstitution | undefined) {
  return {
    row: row.row,
    email: row.email,
    institution: institution ? toInstitutionView(institution) : null,
  };
}

function changedValues(
  contact: Contact,
  row: ContactCsvRow,
  institution: PlannedInstitution | undefined,
): { values: ContactRowValues; changes: string[] } {
  const values: ContactRowValues = {};
  const changes: string[] = [];
  for (const field of COMPARED_FIELDS) {
    const value = row.values[field];
    if (value === undefined || value === contact[field]) continue;
    Object.assign(values, { [field]: value });
    changes.push(field);
  }
  if (
    institution &&
    (institution.action === 'create' || institution.institution.id !== contact.institution?.id)
  ) {
    changes.push('institution');
  }
  return { values, changes };
}

function toInstitutionView(institution: PlannedInstitution): ContactImportRowView['institution'] {
  return institution.action === 'match'
    ? { name: institution.institution.name, action: 'match' }
    : { name: institution.draft.name, action: 'create' };
}
