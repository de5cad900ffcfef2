export interface TemplateNode {
  id: string;
  type: string;
  label?: string;
  /** Merged over the catalog's defaults for the type. */
  data: Record<string, unknown>;
  /**
   * Left out (with its edges) while the server's catalog lacks the type, instead of hiding the
   * whole template — e.g. the publish step before publishing lands.
   */
  optional?: boolean;
}

export interface TemplateEdge {
  source: string;
  target: string;
  /** Port names; when left out the best-fitting ports are chosen from the catalog. */
  sourcePort?: string;
  targetPort?: string;
}

export interface FlowTemplate {
  id: string;
  name: string;
  description: string;
  /** What the marketer gets, in a few words per step. */
  steps: string[];
  nodes: TemplateNode[];
  edges: TemplateEdge[];
  note?: string;
}
