import { Injectable } from '@nestjs/common';
import { AudienceResolver } from './audience-resolver';
import { AudiencePreviewView } from './dto/audience-preview.view';
import { Round } from './round.entity';
import { SessionStatus } from './session-kind';
import { SessionsService } from './sessions.service';

/** How many people a round would invite, for planning before it is scheduled. */
@Injectable()
export class AudiencePreviewService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly resolver: AudienceResolver,
  ) {}

  async preview(round: Round): Promise<AudiencePreviewView> {
    const sessions = await this.sessions.sessionsOf(round);
    const planned = sessions.filter((session) => session.status === SessionStatus.Planned);
    const audiences = await this.resolver.resolve(planned.map((session) => session.id));
    const everyone = new Set<string>();
    for (const contacts of audiences.values()) {
      for (const contact of contacts) everyone.add(contact.id);
    }
    return {
      roundId: round.id,
      sessions: sessions.map((session) => ({
        sessionId: session.id,
        titleSq: session.titleSq,
        titleEn: session.titleEn,
        status: session.status,
        startsAt: session.startsAt,
        contactCount: audiences.get(session.id)?.length ?? 0,
      })),
      totalContacts: everyone.size,
    };
  }
}
