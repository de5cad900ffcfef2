/** The offline provider's names, apart from its LangChain model so the light paths need no LangChain. */
export const OFFLINE_PROVIDER_ID = 'offline';
export const OFFLINE_CHAT_MODEL = 'flowpress-offline';
