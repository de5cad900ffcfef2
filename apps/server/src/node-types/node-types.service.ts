import { Injectable } from '@nestjs/common';
import { registry } from '@flowpress/nodes';
import type { GraphCatalog, NodeTypeInfo } from '@flowpress/shared';

/**
 * The node catalog, from packages/nodes (its light entry: definitions only, no LangChain). The one
 * place the server learns which node types exist.
 */
@Injectable()
export class NodeTypesService {
  private readonly infos: readonly NodeTypeInfo[] = registry.list();

  list(): readonly NodeTypeInfo[] {
    return this.infos;
  }

  /** What graph validation needs (type info + config checks). */
  get catalog(): GraphCatalog {
    return registry;
  }
}
