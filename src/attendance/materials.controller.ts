import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import { RoundsService } from '../rounds/rounds.service';
import { CreateMaterialDto, UpdateMaterialDto } from './dto/material.dto';
import { MaterialView } from './dto/material.view';
import { toMaterialView } from './material.view';
import { MaterialsService } from './materials.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** What a round handed out, for its report and follow-up: 4,000 leaflets in cafés and public places. */
@ApiTags('attendance')
@ApiBearerAuth()
@Controller('api')
export class MaterialsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly materials: MaterialsService,
  ) {}

  @Get('rounds/:id/materials')
  @ApiOperation({ summary: 'Materials distributed in a round, in the order they were entered.' })
  @ApiOkResponse({ type: [MaterialView] })
  @ApiErrors(400, 401, 404)
  async list(@Param('id', ParseIdPipe) id: string): Promise<MaterialView[]> {
    const materials = await this.materials.list(await this.rounds.get(id));
    return materials.map(toMaterialView);
  }

  @Post('rounds/:id/materials')
  @ApiOperation({
    summary: 'Records material distributed in a round that is not cancelled.',
    description:
      'descriptionSq, descriptionEn or both are required (422 otherwise); sessionId must be a session of this round (422).',
  })
  @ApiCreatedResponse({ type: MaterialView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 422)
  async create(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateMaterialDto,
  ): Promise<MaterialView> {
    return toMaterialView(await this.materials.create(id, body));
  }

  @Patch('materials/:id')
  @ApiOperation({
    summary: 'Corrects a material entry of a round that is not cancelled.',
    description: 'At least one description must remain (422).',
  })
  @ApiOkResponse({ type: MaterialView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 422)
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateMaterialDto,
  ): Promise<MaterialView> {
    return toMaterialView(await this.materials.update(id, body));
  }

  @Delete('materials/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a material entry of a round that is not cancelled.' })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404, 409)
  async remove(@Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.materials.remove(id);
  }
}
