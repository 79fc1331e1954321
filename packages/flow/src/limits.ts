/** Size limits of a flow document, enforced by its schema and by the validator. */

/** Longest chatbot text (message, prompt, retry): the same bound as any chat message. */
export const FLOW_TEXT_MAX_LENGTH = 4000;
/** Longest button label. */
export const CHOICE_LABEL_MAX_LENGTH = 200;
/** Most choices one buttons node may offer (besides "talk to a human"). */
export const CHOICES_MAX = 20;
/** Node ids, choice ids, branch ids, flow ids, group and agent ids. */
export const ID_MAX_LENGTH = 64;
/** Variable names and contact property keys. */
export const KEY_MAX_LENGTH = 64;
/** Tag names. */
export const TAG_MAX_LENGTH = 50;
/** Values written to a contact property or compared in a condition. */
export const VALUE_MAX_LENGTH = 1000;
/** URLs (image, link, open URL, webhook). */
export const URL_MAX_LENGTH = 2048;
/** A webhook body template. */
export const WEBHOOK_BODY_MAX_LENGTH = 10_000;
/** Longest regular expression a condition may use. */
export const REGEX_MAX_LENGTH = 200;
/** A regular expression is tested against at most this many characters of the value. */
export const REGEX_INPUT_MAX_LENGTH = 1000;
/** Longest delay action, in seconds (one day). */
export const DELAY_MAX_SECONDS = 86_400;
/** Most retries a question may allow. */
export const QUESTION_RETRIES_MAX = 10;
/** Retries a question allows when it does not say. */
export const QUESTION_RETRIES_DEFAULT = 3;
/** Most nodes one event may run through before the engine gives up (a safety net). */
export const STEP_LIMIT_PER_EVENT = 100;
/** How many entries of the visited path a session keeps (the oldest are dropped). */
export const PATH_MAX_ENTRIES = 500;
/** Most nodes in one flow. */
export const NODES_MAX = 1000;
