import { z } from 'zod';
import { ID_MAX_LENGTH, KEY_MAX_LENGTH, TAG_MAX_LENGTH } from '../limits.js';

/**
 * Stable machine identifiers. They start with a letter or digit, so no id can
 * collide with `__proto__` and friends.
 */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

function idSchema(what: string) {
  return z
    .string()
    .min(1, `${what} is required`)
    .max(ID_MAX_LENGTH, `${what} must be at most ${ID_MAX_LENGTH} characters`)
    .regex(ID_PATTERN, `${what} may only contain letters, digits, "_" and "-", and must start with a letter or digit`);
}

/** A node's id: the key of the node in `nodes`, never changed once created. */
export const NodeIdSchema = idSchema('Node id');
export type NodeId = z.infer<typeof NodeIdSchema>;

/** A button choice's id, unique within its buttons node. */
export const ChoiceIdSchema = idSchema('Choice id');
/** A condition branch's id, unique within its condition node. */
export const BranchIdSchema = idSchema('Branch id');
/** Another chatbot flow (for "go to flow"). */
export const FlowIdSchema = idSchema('Flow id');
/** An agent group or an agent (handover targets). */
export const GroupIdSchema = idSchema('Group id');
export const AgentIdSchema = idSchema('Agent id');

/** An edge: the node to go to next, or null when not connected yet (a draft). */
export const NextSchema = NodeIdSchema.nullable().default(null);

/** A flow variable's name, e.g. `order_number`. */
export const VariableNameSchema = z
  .string()
  .min(1, 'Variable name is required')
  .max(KEY_MAX_LENGTH, `Variable name must be at most ${KEY_MAX_LENGTH} characters`)
  .regex(KEY_PATTERN, 'Variable name may only contain letters, digits and "_", and must start with a letter');

/** A contact property's key, e.g. `company`. */
export const PropertyKeySchema = z
  .string()
  .min(1, 'Property key is required')
  .max(KEY_MAX_LENGTH, `Property key must be at most ${KEY_MAX_LENGTH} characters`)
  .regex(KEY_PATTERN, 'Property key may only contain letters, digits and "_", and must start with a letter');

export const TagSchema = z
  .string()
  .trim()
  .min(1, 'Tag is required')
  .max(TAG_MAX_LENGTH, `Tag must be at most ${TAG_MAX_LENGTH} characters`);

/** A BCP 47 language tag as browsers send them: `cs`, `cs-CZ`, `zh-Hant-TW`. */
export const LanguageTagSchema = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Language must be a language code such as "en" or "cs-CZ"');
export type LanguageTag = z.infer<typeof LanguageTagSchema>;
