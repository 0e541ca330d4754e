import { PageOf } from '../../common/page-of';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/list-query.dto';
import { MessageStatus } from '../../messaging/message-status';

export class MessageView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) stepId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contactId!: string | null;
  @ApiProperty({ type: String, nullable: true }) contactName!: string | null;
  @ApiProperty() recipient!: string;
  @ApiProperty() template!: string;
  @ApiProperty({ enum: ['sq', 'en'] }) language!: string;
  @ApiProperty({ type: String, nullable: true }) subject!: string | null;
  @ApiProperty({ enum: MessageStatus }) status!: MessageStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The SMTP server’s last reply.' })
  smtpResponse!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: Date, nullable: true }) sentAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class MessagePage extends PageOf(MessageView) {}

export class MessageListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MessageStatus })
  @IsOptional()
  @IsEnum(MessageStatus, { message: `must be one of ${Object.values(MessageStatus).join(', ')}` })
  status?: MessageStatus;
}
