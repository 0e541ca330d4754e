import { RoundDetailView, RoundView } from './dto/round.view';
import { RoundSession } from './round-session.entity';
import { Round } from './round.entity';
import { toSessionView } from './session.view';

/** Needs the campaign, county and staff loaded. */
export function toRoundView(round: Round): RoundView {
  const { campaign, county, staff } = round;
  return {
    id: round.id,
    campaign: {
      id: campaign.id,
      nameSq: campaign.nameSq,
      nameEn: campaign.nameEn,
      timeZone: campaign.timeZone,
    },
    county: { id: county.id, name: county.name, country: county.country },
    startsOn: round.startsOn,
    endsOn: round.endsOn,
    status: round.status,
    staff: staff ? { id: staff.id, name: staff.name, email: staff.email } : null,
    scheduleVersion: round.scheduleVersion,
    scheduledAt: round.scheduledAt,
    cancelledAt: round.cancelledAt,
    createdAt: round.createdAt,
    updatedAt: round.updatedAt,
  };
}

export function toRoundDetailView(round: Round, sessions: RoundSession[]): RoundDetailView {
  const timeZone = round.campaign.timeZone;
  return {
    ...toRoundView(round),
    sessions: sessions.map((session) => toSessionView(session, timeZone)),
  };
}
