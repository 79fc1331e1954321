export * from './limits.js';
export * from './message.js';
export * from './conversation.js';
export * from './visitor.js';
export * from './protocol.js';
export * from './widget-session.js';
