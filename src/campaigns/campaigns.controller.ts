import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import { toCampaignView } from './campaign.view';
import { CampaignsService } from './campaigns.service';
import { CampaignListQueryDto, CreateCampaignDto, UpdateCampaignDto } from './dto/campaign.dto';
import { CampaignPage, CampaignView } from './dto/campaign.view';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @ApiOperation({ summary: 'Campaigns, filtered by text; archived ones only on request.' })
  @ApiOkResponse({ type: CampaignPage })
  @ApiErrors(400, 401)
  async list(@Query() query: CampaignListQueryDto): Promise<CampaignPage> {
    const page = await this.campaigns.list(query);
    return { ...page, items: page.items.map(toCampaignView) };
  }

  @Get(':id')
  @ApiOkResponse({ type: CampaignView })
  @ApiErrors(400, 401, 404)
  async get(@Param('id', ParseIdPipe) id: string): Promise<CampaignView> {
    return toCampaignView(await this.campaigns.get(id));
  }

  @Post()
  @ApiOperation({
    summary: 'Creates a campaign; the default workflow policy applies when none is given.',
  })
  @ApiCreatedResponse({ type: CampaignView })
  @ApiErrors(400, 401, 403, 413, 422)
  async create(@Body() body: CreateCampaignDto): Promise<CampaignView> {
    return toCampaignView(await this.campaigns.create(body));
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Changes a campaign; a policy given replaces the whole policy. The time zone is fixed once sessions exist.',
  })
  @ApiOkResponse({ type: CampaignView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 422)
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateCampaignDto,
  ): Promise<CampaignView> {
    return toCampaignView(await this.campaigns.update(id, body));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Archive: hidden from lists and closed to new rounds; its rounds go on.',
  })
  @ApiOkResponse({ type: CampaignView })
  @ApiErrors(400, 401, 403, 404)
  async archive(@Param('id', ParseIdPipe) id: string): Promise<CampaignView> {
    return toCampaignView(await this.campaigns.setArchived(id, true));
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignView })
  @ApiErrors(400, 401, 403, 404)
  async restore(@Param('id', ParseIdPipe) id: string): Promise<CampaignView> {
    return toCampaignView(await this.campaigns.setArchived(id, false));
  }
}
