/**
 * Size limits on config strings. Template fields hold rendered text at run time (retrieved context
 * can be long), so their cap is generous; it only stops a runaway value from filling memory.
 */
export const MAX_TEMPLATE_CHARS = 200_000;
export const MAX_MODEL_NAME_CHARS = 200;
