import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors.decorator';
import {
  CreateInstitutionDto,
  InstitutionListQueryDto,
  UpdateInstitutionDto,
} from './dto/institution.dto';
import { InstitutionPage, InstitutionView } from './dto/institution.view';
import { toInstitutionView } from './institution.view';
import { InstitutionsService } from './institutions.service';
import { ParseIdPipe } from '../../common/parse-id.pipe';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/institutions')
export class InstitutionsController {
  constructor(private readonly institutions: InstitutionsService) {}

  @Get()
  @ApiOperation({
    summary: 'Institutions, filtered by county, kind and text; archived ones only on request.',
  })
  @ApiOkResponse({ type: InstitutionPage })
  @ApiErrors(400, 401)
  async list(@Query() query: InstitutionListQueryDto): Promise<InstitutionPage> {
    const page = await this.institutions.list(query);
    return { ...page, items: page.items.map(toInstitutionView) };
  }

  @Get(':id')
  @ApiOkResponse({ type: InstitutionView })
  @ApiErrors(400, 401, 404)
  async get(@Param('id', ParseIdPipe) id: string): Promise<InstitutionView> {
    return toInstitutionView(await this.institutions.get(id));
  }

  @Post()
  @ApiCreatedResponse({ type: InstitutionView })
  @ApiErrors(400, 401, 403, 413, 422)
  async create(@Body() body: CreateInstitutionDto): Promise<InstitutionView> {
    return toInstitutionView(await this.institutions.create(body));
  }

  @Patch(':id')
  @ApiOkResponse({ type: InstitutionView })
  @ApiErrors(400, 401, 403, 404, 413, 422)
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateInstitutionDto,
  ): Promise<InstitutionView> {
    return toInstitutionView(await this.institutions.update(id, body));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive: hidden from lists and never invited, kept for history.' })
  @ApiOkResponse({ type: InstitutionView })
  @ApiErrors(400, 401, 403, 404)
  async archive(@Param('id', ParseIdPipe) id: string): Promise<InstitutionView> {
    return toInstitutionView(await this.institutions.setArchived(id, true));
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: InstitutionView })
  @ApiErrors(400, 401, 403, 404)
  async restore(@Param('id', ParseIdPipe) id: string): Promise<InstitutionView> {
    return toInstitutionView(await this.institutions.setArchived(id, false));
  }
}
