import { InstitutionView } from './dto/institution.view';
import { Institution } from './institution.entity';

export function toInstitutionView(institution: Institution): InstitutionView {
  const county = institution.county;
  return {
    id: institution.id,
    name: institution.name,
    kind: institution.kind,
    county: county ? { id: county.id, name: county.name, country: county.country } : null,
    email: institution.email,
    phone: institution.phone,
    address: institution.address,
    createdAt: institution.createdAt,
    updatedAt: institution.updatedAt,
    archivedAt: institution.archivedAt,
  };
}
