import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import { ApiTokensService } from './api-tokens.service';
import { CurrentUser } from './current-user.decorator';
import { ApiTokenView, CreateApiTokenDto, CreatedApiTokenView } from './dto/api-token.dto';
import { ApiToken } from './entities/api-token.entity';
import { User } from './entities/user.entity';
import { AnyRole } from './roles.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** Personal tokens for scripts. Every role may manage its own: a viewer's script can only read. */
@ApiTags('auth')
@ApiBearerAuth()
@AnyRole()
@Controller('api/tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({ summary: 'Your personal API tokens that are still valid.' })
  @ApiOkResponse({ type: [ApiTokenView] })
  @ApiErrors(401)
  async list(@CurrentUser() user: User): Promise<ApiTokenView[]> {
    return (await this.tokens.listPersonal(user)).map(toView);
  }

  @Post()
  @ApiOperation({ summary: 'Create a personal API token; the response shows it once.' })
  @ApiCreatedResponse({ type: CreatedApiTokenView })
  @ApiErrors(400, 401)
  async create(
    @CurrentUser() user: User,
    @Body() body: CreateApiTokenDto,
  ): Promise<CreatedApiTokenView> {
    const { token, record } = await this.tokens.issuePersonal(
      user,
      body.name,
      body.expiresAt ?? null,
    );
    return { ...toView(record), token };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of your tokens; it stops working at once.' })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 404)
  async revoke(@CurrentUser() user: User, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.tokens.revoke(user, id);
  }
}

function toView(token: ApiToken): ApiTokenView {
  return {
    id: token.id,
    name: token.name ?? '',
    prefix: token.prefix,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
  };
}
