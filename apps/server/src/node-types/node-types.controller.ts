import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '../openapi/decorators.js';
import { nodeTypeInfoSchema, type NodeTypeInfo } from '@flowpress/shared';
import { z } from 'zod';
import { responseJsonSchema } from '../openapi/schemas.js';
import { NodeTypesService } from './node-types.service.js';

@ApiTags('node-types')
@ApiBearerAuth()
@Controller('api/node-types')
export class NodeTypesController {
  constructor(private readonly nodeTypes: NodeTypesService) {}

  @Get()
  @ApiOkResponse({ schema: responseJsonSchema(z.array(nodeTypeInfoSchema)) })
  list(): readonly NodeTypeInfo[] {
    return this.nodeTypes.list();
  }
}
