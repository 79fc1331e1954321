/**
 * What the chatbot says on its own after a handover, when the flow has no
 * text of its own for it, in the chatbot's language (English otherwise).
 */
import { primarySubtag } from '@parley/flow';

export interface RuntimeTexts {
  /** No agent online (or nobody replied in time): ask for the email. */
  askEmail: string;
  /** The email did not look right. */
  emailRetry: string;
  /** The email was stored. */
  emailThanks: (email: string) => string;
  /** The chatbot steps aside (the month's chatbot conversations are used up): the team takes over. */
  stepAside: string;
}

const TEXTS: Record<string, RuntimeTexts> = {
  en: {
    askEmail: 'Nobody from the team is available right now. Leave your email and we will get back to you.',
    emailRetry: 'That does not look like an email address. Could you check it?',
    emailThanks: (email) => `Thanks! We will reply to ${email} as soon as we can.`,
    stepAside: 'Thanks! Someone from our team will reply to you here.',
  },
  cs: {
    askEmail: 'Právě teď není nikdo z týmu k dispozici. Nechte nám svůj e-mail a ozveme se vám.',
    emailRetry: 'Tohle nevypadá jako e-mailová adresa. Můžete ji zkontrolovat?',
    emailThanks: (email) => `Děkujeme! Odpovíme vám na ${email}, jakmile to bude možné.`,
    stepAside: 'Děkujeme! Někdo z našeho týmu vám tady odpoví.',
  },
  fr: {
    askEmail: "Personne de l'équipe n'est disponible pour le moment. Laissez votre e-mail et nous vous répondrons.",
    emailRetry: "Cela ne ressemble pas à une adresse e-mail. Pouvez-vous la vérifier ?",
    emailThanks: (email) => `Merci ! Nous vous répondrons à ${email} dès que possible.`,
    stepAside: "Merci ! Quelqu'un de notre équipe vous répondra ici.",
  },
  de: {
    askEmail: 'Gerade ist niemand aus dem Team verfügbar. Hinterlassen Sie Ihre E-Mail-Adresse, wir melden uns.',
    emailRetry: 'Das sieht nicht wie eine E-Mail-Adresse aus. Könnten Sie sie prüfen?',
    emailThanks: (email) => `Danke! Wir antworten an ${email}, sobald wir können.`,
    stepAside: 'Danke! Jemand aus unserem Team antwortet Ihnen hier.',
  },
  es: {
    askEmail: 'Ahora mismo no hay nadie del equipo disponible. Déjanos tu correo y te responderemos.',
    emailRetry: 'Eso no parece una dirección de correo. ¿Puedes revisarla?',
    emailThanks: (email) => `¡Gracias! Te responderemos a ${email} lo antes posible.`,
    stepAside: '¡Gracias! Alguien de nuestro equipo te responderá aquí.',
  },
};

export function runtimeTexts(language: string | null): RuntimeTexts {
  return TEXTS[primarySubtag(language ?? 'en')] ?? TEXTS.en!;
}
