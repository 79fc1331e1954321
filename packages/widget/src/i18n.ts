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

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export interface LoaderStrings {
  open: string;
  close: string;
  unread: string;
}

export const loaderStrings: Record<Language, LoaderStrings> = {
  en: { open: 'Open chat', close: 'Close chat', unread: '{n} unread' },
  fr: { open: 'Ouvrir le chat', close: 'Fermer le chat', unread: '{n} non lus' },
  de: { open: 'Chat öffnen', close: 'Chat schließen', unread: '{n} ungelesen' },
  es: { open: 'Abrir chat', close: 'Cerrar chat', unread: '{n} sin leer' },
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
  },
};
