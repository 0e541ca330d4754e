import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import { CurrentUser } from './current-user.decorator';
import { UserView } from './dto/user.view';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { User } from './entities/user.entity';
import { Role } from './role';
import { Roles } from './roles.decorator';
import { toUserView } from './user-view';
import { UsersService } from './users.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('auth')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Every user (admin only).' })
  @ApiOkResponse({ type: [UserView] })
  @ApiErrors(401, 403)
  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(toUserView);
  }

  @Get('me')
  @Roles(Role.Admin, Role.Coordinator, Role.Viewer)
  @ApiOperation({ summary: 'The user the token belongs to.' })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(401)
  me(@CurrentUser() user: User): UserView {
    return toUserView(user);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user with a role (admin only).' })
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors(400, 401, 403, 409, 422)
  async create(@Body() body: CreateUserDto): Promise<UserView> {
    return toUserView(await this.users.create(body));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a user’s name, role, password or language, or disable them (admin only).',
  })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(400, 401, 403, 404, 422)
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateUserDto,
    @CurrentUser() actor: User,
  ): Promise<UserView> {
    return toUserView(await this.users.update(id, body, actor));
  }
}
