import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { RunsGateway } from './runs.gateway.js';

@Module({ imports: [AuthModule], providers: [RunsGateway] })
export class RealtimeModule {}
