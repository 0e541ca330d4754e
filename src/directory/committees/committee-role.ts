export enum CommitteeRole {
  Chair = 'chair',
  Member = 'member',
}
