import { Institution } from '../institutions/institution.entity';
import { Contact } from './contact.entity';
import { ContactInstitutionView, ContactView } from './dto/contact.view';

export function toContactView(contact: Contact): ContactView {
  return {
    id: contact.id,
    fullName: contact.fullName,
    institution: contact.institution ? toContactInstitutionView(contact.institution) : null,
    position: contact.position,
    email: contact.email,
    phone: contact.phone,
    language: contact.language,
    optedOut: contact.optedOut,
    optedOutAt: contact.optedOutAt,
    optOutReason: contact.optOutReason,
    notes: contact.notes,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    archivedAt: contact.archivedAt,
  };
}

function toContactInstitutionView(institution: Institution): ContactInstitutionView {
  const county = institution.county;
  return {
    id: institution.id,
    name: institution.name,
    kind: institution.kind,
    county: county ? { id: county.id, name: county.name, country: county.country } : null,
  };
}
