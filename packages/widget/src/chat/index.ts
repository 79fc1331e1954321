/** widget/chat.js — registers the chat with the loader (see bridge.ts). */
import type { ChatMount } from '../bridge';
import { mountChat } from './controller';

const p = (window as unknown as { parley?: { _r?: (mount: ChatMount) => void } }).parley;
if (p && p._r) p._r((ctx) => mountChat(ctx));
