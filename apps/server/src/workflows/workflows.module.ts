import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NodeTypesModule } from '../node-types/node-types.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { DemoSeederService } from './demo-seeder.service.js';
import { WorkflowEntity, WorkflowVersionEntity } from './workflow.entity.js';
import { WorkflowsController } from './workflows.controller.js';
import { WorkflowsService } from './workflows.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([WorkflowEntity, WorkflowVersionEntity]),
    NodeTypesModule,
    CredentialsModule,
  ],
  controllers: [WorkflowsController],
  providers: [WorkflowsService, DemoSeederService],
  exports: [WorkflowsService],
})
export class WorkflowsModule {}
