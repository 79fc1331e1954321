import { z } from 'zod';
import { CHOICE_LABEL_MAX_LENGTH, FLOW_TEXT_MAX_LENGTH } from '../limits.js';

/**
 * A text the chatbot says. Plain text, never HTML. A draft may leave it empty;
 * the validator refuses to publish empty texts.
 */
export const FlowTextSchema = z
  .string()
  .max(FLOW_TEXT_MAX_LENGTH, `Text must be at most ${FLOW_TEXT_MAX_LENGTH} characters`);

/** A button label. May be empty in a draft; the validator refuses it. */
export const ChoiceLabelSchema = z
  .string()
  .max(CHOICE_LABEL_MAX_LENGTH, `Button label must be at most ${CHOICE_LABEL_MAX_LENGTH} characters`);
