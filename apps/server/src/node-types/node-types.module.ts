import { Module } from '@nestjs/common';
import { NodeTypesController } from './node-types.controller.js';
import { NodeTypesService } from './node-types.service.js';

@Module({
  controllers: [NodeTypesController],
  providers: [NodeTypesService],
  exports: [NodeTypesService],
})
export class NodeTypesModule {}
