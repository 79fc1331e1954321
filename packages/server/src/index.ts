export { createParley, type Parley, type ParleyOptions } from './parley.js';
export { loadConfig, type Config } from './config.js';
