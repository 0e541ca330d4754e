import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-errors.decorator';
import { CountiesService } from './counties.service';
import { CountyView } from './dto/county.view';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/counties')
export class CountiesController {
  constructor(private readonly counties: CountiesService) {}

  @Get()
  @ApiOperation({ summary: 'The counties rounds take place in (reference data).' })
  @ApiOkResponse({ type: [CountyView] })
  @ApiErrors(401)
  async list(): Promise<CountyView[]> {
    return (await this.counties.list()).map(({ id, name, country }) => ({ id, name, country }));
  }
}
