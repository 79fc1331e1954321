/**
 * The widget's own texts. Loader texts are separate so the loader bundle only
 * carries what the launcher needs. `{x}` placeholders are filled by `fill`.
 */
export const LANGUAGES = ['en', 'fr', 'de', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** "fr-CA" → "fr"; unsupported or empty → "en". */
export function pickLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const c of candidates) {
    if (!c) continue;
    const primary = String(c).toLowerCase().split(/[-_]/)[0];
    if ((LANGUAGES as readonly string[]).includes(primary as string)) return primary as Language;
  }
  return 'en';
}

/**
 * The browser's languages (`navigator.languages`, else `navigator.language`)
 * as sent to the session endpoint, which refuses more than 10 or longer than
 * 35 characters: strings only, trimmed, 1–35 characters, no duplicates, at most 10.
 */
export function browserLanguages(list: readonly unknown[] | null | undefined, single?: unknown): string[] {
  const out: string[] = [];
  for (const c of list && list.length ? list : [single]) {
    const t = typeof c == 'string' ? c.trim() : '';
    if (t && t.length <= 35 && out.length < 10 && out.indexOf(t) < 0) out.push(t);
  }
  return out;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export interface LoaderStrings {
  open: string;
  close: string;
  /** The teaser's close button. */
  dismiss: string;
}

export const loaderStrings: Record<Language, LoaderStrings> = {
  en: { open: 'Open chat', close: 'Close chat', dismiss: 'Dismiss' },
  fr: { open: 'Ouvrir le chat', close: 'Fermer le chat', dismiss: 'Masquer' },
  de: { open: 'Chat öffnen', close: 'Chat schließen', dismiss: 'Ausblenden' },
  es: { open: 'Abrir chat', close: 'Cerrar chat', dismiss: 'Descartar' },
};

export interface ChatStrings {
  dialog: string;
  minimize: string;
  placeholder: string;
  send: string;
  online: string;
  onlineHint: string;
  away: string;
  awayHint: string;
  greeting: string;
  sending: string;
  failed: string;
  connecting: string;
  offline: string;
  tooLong: string;
  typing: string;
  someoneTyping: string;
  messages: string;
  powered: string;
  /** Added to the launcher's label while messages are unread ("Open chat (3 unread)"). */
  unread: string;
  /** The badge beside a chatbot's name. */
  bot: string;
  /** Label of a chatbot message's group of buttons. */
  choices: string;
  /** An `unknown_choice` refusal: the button is no longer offered. */
  staleChoice: string;
  /** Read before a chatbot's retry message (invalid answer). */
  retry: string;
  /** Alt text of a chatbot message's image. */
  image: string;
  /** Composer placeholders while a chatbot question waits for this kind of answer. */
  askName: string;
  askEmail: string;
  askPhone: string;
  askNumber: string;
  askText: string;
}

export const chatStrings: Record<Language, ChatStrings> = {
  en: {
    dialog: 'Chat with {name}',
    minimize: 'Minimize chat',
    placeholder: 'Write a message…',
    send: 'Send message',
    online: 'Online',
    onlineHint: 'We reply in a few minutes',
    away: 'Away',
    awayHint: 'We’ll reply as soon as we can',
    greeting: 'Hi there! How can we help you today?',
    sending: 'Sending…',
    failed: 'Not delivered',
    connecting: 'Reconnecting…',
    offline: 'You are offline. Your messages will be sent when the connection is back.',
    tooLong: 'Message is longer than {max} characters',
    typing: '{name} is typing…',
    someoneTyping: 'Someone is typing…',
    messages: 'Messages',
    powered: 'Powered by Parley',
    unread: '{n} unread',
    bot: 'Bot',
    choices: 'Choose an answer',
    staleChoice: 'That option is no longer available.',
    retry: 'Please check your answer',
    image: 'Image from {name}',
    askName: 'Type your name…',
    askEmail: 'Type your email address…',
    askPhone: 'Type your phone number…',
    askNumber: 'Type a number…',
    askText: 'Type your answer…',
  },
  fr: {
    dialog: 'Discuter avec {name}',
    minimize: 'Réduire le chat',
    placeholder: 'Écrivez un message…',
    send: 'Envoyer le message',
    online: 'En ligne',
    onlineHint: 'Réponse en quelques minutes',
    away: 'Absent',
    awayHint: 'Nous répondrons dès que possible',
    greeting: 'Bonjour ! Comment pouvons-nous vous aider ?',
    sending: 'Envoi…',
    failed: 'Non envoyé',
    connecting: 'Reconnexion…',
    offline: 'Vous êtes hors ligne. Vos messages partiront dès le retour de la connexion.',
    tooLong: 'Le message dépasse {max} caractères',
    typing: '{name} écrit…',
    someoneTyping: 'Quelqu’un écrit…',
    messages: 'Messages',
    powered: 'Propulsé par Parley',
    unread: '{n} non lus',
    bot: 'Bot',
    choices: 'Choisissez une réponse',
    staleChoice: 'Cette option n’est plus disponible.',
    retry: 'Veuillez vérifier votre réponse',
    image: 'Image de {name}',
    askName: 'Saisissez votre nom…',
    askEmail: 'Saisissez votre adresse e-mail…',
    askPhone: 'Saisissez votre numéro de téléphone…',
    askNumber: 'Saisissez un nombre…',
    askText: 'Saisissez votre réponse…',
  },
  de: {
    dialog: 'Chat mit {name}',
    minimize: 'Chat minimieren',
    placeholder: 'Nachricht schreiben…',
    send: 'Nachricht senden',
    online: 'Online',
    onlineHint: 'Antwort in wenigen Minuten',
    away: 'Abwesend',
    awayHint: 'Wir melden uns so bald wie möglich',
    greeting: 'Hallo! Wie können wir helfen?',
    sending: 'Wird gesendet…',
    failed: 'Nicht zugestellt',
    connecting: 'Verbindung wird hergestellt…',
    offline: 'Sie sind offline. Ihre Nachrichten werden gesendet, sobald die Verbindung zurück ist.',
    tooLong: 'Die Nachricht ist länger als {max} Zeichen',
    typing: '{name} schreibt…',
    someoneTyping: 'Jemand schreibt…',
    messages: 'Nachrichten',
    powered: 'Bereitgestellt von Parley',
    unread: '{n} ungelesen',
    bot: 'Bot',
    choices: 'Antwort auswählen',
    staleChoice: 'Diese Option ist nicht mehr verfügbar.',
    retry: 'Bitte prüfen Sie Ihre Antwort',
    image: 'Bild von {name}',
    askName: 'Ihren Namen eingeben…',
    askEmail: 'Ihre E-Mail-Adresse eingeben…',
    askPhone: 'Ihre Telefonnummer eingeben…',
    askNumber: 'Eine Zahl eingeben…',
    askText: 'Ihre Antwort eingeben…',
  },
  es: {
    dialog: 'Chatear con {name}',
    minimize: 'Minimizar chat',
    placeholder: 'Escribe un mensaje…',
    send: 'Enviar mensaje',
    online: 'En línea',
    onlineHint: 'Respondemos en pocos minutos',
    away: 'Ausente',
    awayHint: 'Te responderemos lo antes posible',
    greeting: '¡Hola! ¿En qué podemos ayudarte?',
    sending: 'Enviando…',
    failed: 'No entregado',
    connecting: 'Reconectando…',
    offline: 'Estás sin conexión. Tus mensajes se enviarán cuando vuelva la conexión.',
    tooLong: 'El mensaje supera los {max} caracteres',
    typing: '{name} está escribiendo…',
    someoneTyping: 'Alguien está escribiendo…',
    messages: 'Mensajes',
    powered: 'Con la tecnología de Parley',
    unread: '{n} sin leer',
    bot: 'Bot',
    choices: 'Elige una respuesta',
    staleChoice: 'Esa opción ya no está disponible.',
    retry: 'Revisa tu respuesta',
    image: 'Imagen de {name}',
    askName: 'Escribe tu nombre…',
    askEmail: 'Escribe tu correo electrónico…',
    askPhone: 'Escribe tu número de teléfono…',
    askNumber: 'Escribe un número…',
    askText: 'Escribe tu respuesta…',
  },
};
