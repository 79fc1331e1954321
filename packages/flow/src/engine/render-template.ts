import type { ConditionFacts, FactValue } from '../conditions/condition-facts.js';

const PLACEHOLDER = /\{\{\s*([a-z_]+)(?:\.([A-Za-z0-9_]+))?\s*\}\}/g;

/**
 * Fills a webhook template: `{{variable.NAME}}`, `{{contact.name}}`,
 * `{{contact.email}}`, `{{contact.phone}}`, `{{contact_property.KEY}}`,
 * `{{visitor_language}}`. Values are escaped for the place they go (`json`:
 * inside a JSON string; `url`: a URL component); unknown or empty
 * placeholders become empty text. Never evaluates anything.
 */
export function renderTemplate(template: string, facts: ConditionFacts, escape: 'json' | 'url'): string {
  return template.replace(PLACEHOLDER, (_match, source: string, key: string | undefined) => {
    const value = lookup(facts, source, key);
    if (value === null) return '';
    const text = String(value);
    return escape === 'json' ? JSON.stringify(text).slice(1, -1) : encodeURIComponent(text);
  });
}

function lookup(facts: ConditionFacts, source: string, key: string | undefined): FactValue | null {
  switch (source) {
    case 'variable':
      return key !== undefined && Object.hasOwn(facts.variables, key) ? facts.variables[key]! : null;
    case 'contact':
      return key === 'name' || key === 'email' || key === 'phone' ? facts.contact[key] : null;
    case 'contact_property':
      return key !== undefined && Object.hasOwn(facts.contact.properties, key) ? facts.contact.properties[key]! : null;
    case 'visitor_language':
      return key === undefined ? facts.language : null;
    default:
      return null;
  }
}
