/**
 * The light entry: definitions, catalog, run-input validation and the contract's types. Safe for
 * any process (and the browser): it imports zod and @flowpress/shared, LangChain only as types.
 */
export * from './contract.js';
export {
  definitions,
  registry,
  catalog,
  nodeTypeInfo,
  NodeRegistry,
  type ParsedConfig,
} from './registry.js';
export type { ConfigIssue } from './util/zod-issues.js';
export {
  inputDefinition,
  inputConfigSchema,
  inputFieldSchema,
  type InputConfig,
  type InputField,
} from './input/definition.js';
export { INPUT_FIELD_TYPES, type InputFieldType } from './input/field-value.js';
export {
  validateRunInputs,
  type RunInputsValidation,
  type ValidateRunInputsOptions,
} from './input/run-inputs.js';
export { promptDefinition, promptConfigSchema, type PromptConfig } from './prompt/definition.js';
export {
  imageDefinition,
  imageConfigSchema,
  parseImageSize,
  type ImageConfig,
} from './image/definition.js';
export {
  templateDefinition,
  templateConfigSchema,
  type TemplateConfig,
} from './template/definition.js';
export {
  conditionDefinition,
  conditionConfigSchema,
  CONDITION_KINDS,
  type ConditionConfig,
} from './condition/definition.js';
export { reviewDefinition, reviewConfigSchema, type ReviewConfig } from './review/definition.js';
export {
  publishDefinition,
  publishConfigSchema,
  publishCredentialSchemas,
  type PublishConfig,
  type PublishCredentialType,
} from './publish/definition.js';
export type * from './publish/types.js';
export {
  retrievalDefinition,
  retrievalConfigSchema,
  MAX_TOP_K,
  type RetrievalConfig,
} from './retrieval/definition.js';
export type * from './retrieval/types.js';
export { PUBLISH_TARGETS } from './publish/types.js';
