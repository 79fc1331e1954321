/** Size limits enforced at every edge (REST, WebSocket, widget). */
export const MESSAGE_TEXT_MAX_LENGTH = 4000;
/** Largest WebSocket frame a client may send, in bytes. */
export const WS_FRAME_MAX_BYTES = 32 * 1024;
/** Client-generated ids (idempotency keys) are short opaque strings. */
export const CLIENT_ID_MAX_LENGTH = 64;
/** Longest page URL / title / referrer we keep for a visitor. */
export const PAGE_FIELD_MAX_LENGTH = 2048;
/** How many messages one sync or page returns at most. */
export const MESSAGE_PAGE_MAX = 500;
