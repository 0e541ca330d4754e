import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorBody } from '../../common/error-body';
import { RoundStatus } from '../../rounds/round-status';
import { SessionView } from '../../rounds/dto/session.view';

/** What a round is now, for a client whose change was made from an older version. */
export class RoundNowView {
  @ApiProperty({ example: '"round-5c0f7e2a-0b1d-4f3e-9a6b-1c2d3e4f5a6b-v4"' })
  etag!: string;

  @ApiProperty({ example: 4 })
  scheduleVersion!: number;

  @ApiProperty({ enum: RoundStatus })
  status!: RoundStatus;

  @ApiPropertyOptional({
    type: SessionView,
    description: 'On the session routes: the session now.',
  })
  session?: SessionView;
}

export class MovedOnBody extends ErrorBody {
  @ApiProperty({ type: RoundNowView })
  override current!: RoundNowView;
}
