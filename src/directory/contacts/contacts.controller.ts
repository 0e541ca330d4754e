import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors.decorator';
import { toContactView } from './contact.view';
import { ContactsService } from './contacts.service';
import { ContactListQueryDto, CreateContactDto, UpdateContactDto } from './dto/contact.dto';
import { ContactPage, ContactView } from './dto/contact.view';
import { ParseIdPipe } from '../../common/parse-id.pipe';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Contacts, filtered by county, institution, committee, language, opt-out and text; archived ones only on request.',
  })
  @ApiOkResponse({ type: ContactPage })
  @ApiErrors(400, 401)
  async list(@Query() query: ContactListQueryDto): Promise<ContactPage> {
    const page = await this.contacts.list(query);
    return { ...page, items: page.items.map(toContactView) };
  }

  @Get(':id')
  @ApiOkResponse({ type: ContactView })
  @ApiErrors(400, 401, 404)
  async get(@Param('id', ParseIdPipe) id: string): Promise<ContactView> {
    return toContactView(await this.contacts.get(id));
  }

  @Post()
  @ApiCreatedResponse({ type: ContactView })
  @ApiErrors(400, 401, 403, 409, 413, 422)
  async create(@Body() body: CreateContactDto): Promise<ContactView> {
    return toContactView(await this.contacts.create(body));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a contact; `optedOut: true` records an opt-out with its date and reason.',
  })
  @ApiOkResponse({ type: ContactView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 422)
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateContactDto,
  ): Promise<ContactView> {
    return toContactView(await this.contacts.update(id, body));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Archive: hidden from lists and never invited, kept for history; frees the e-mail.',
  })
  @ApiOkResponse({ type: ContactView })
  @ApiErrors(400, 401, 403, 404)
  async archive(@Param('id', ParseIdPipe) id: string): Promise<ContactView> {
    return toContactView(await this.contacts.setArchived(id, true));
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore, unless another active contact now has the same e-mail.' })
  @ApiOkResponse({ type: ContactView })
  @ApiErrors(400, 401, 403, 404, 409)
  async restore(@Param('id', ParseIdPipe) id: string): Promise<ContactView> {
    return toContactView(await this.contacts.setArchived(id, false));
  }
}
