export enum InstitutionKind {
  Ministry = 'ministry',
  Police = 'police',
  Prefecture = 'prefecture',
  CountyCouncil = 'county_council',
  Municipality = 'municipality',
  School = 'school',
  EmploymentOffice = 'employment_office',
  CivilSocietyOrganisation = 'civil_society_organisation',
  InternationalOrganisation = 'international_organisation',
  Media = 'media',
  Other = 'other',
}
