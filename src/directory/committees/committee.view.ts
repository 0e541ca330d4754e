import { Committee } from './committee.entity';
import { CommitteeView } from './dto/committee.view';

export function toCommitteeView(committee: Committee, memberCount: number): CommitteeView {
  const county = committee.county;
  return {
    id: committee.id,
    name: committee.name,
    county: county ? { id: county.id, name: county.name, country: county.country } : null,
    description: committee.description,
    memberCount,
    createdAt: committee.createdAt,
    updatedAt: committee.updatedAt,
    archivedAt: committee.archivedAt,
  };
}
