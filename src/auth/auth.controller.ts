import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrors } from '../common/api-errors.decorator';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { Public } from './public.decorator';
import { SignInLockedException } from './sign-in-locked.exception';
import { toUserView } from './user-view';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Exchange e-mail and password for a bearer token (12 hours).',
    description:
      'Failed sign-ins are counted per e-mail from one client address and per client address; ' +
      'past the limit every sign-in, with the right password too, gets 429 with Retry-After ' +
      'until the wait is over. A successful sign-in forgets that e-mail’s failures.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 429)
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    try {
      const { token, record, user } = await this.auth.login(body.email, body.password, request.ip);
      return { token, expiresAt: record.expiresAt as Date, user: toUserView(user) };
    } catch (error) {
      if (error instanceof SignInLockedException) {
        void reply.header('retry-after', String(error.retryAfterSeconds));
      }
      throw error;
    }
  }
}
