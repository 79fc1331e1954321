import type { ConditionField } from '../schema/condition.js';
import type { ConditionFacts, FactValue } from './condition-facts.js';

/** The value a condition field has in these facts; null when it has none. */
export function readField(field: ConditionField, facts: ConditionFacts): FactValue | null {
  switch (field.source) {
    case 'variable':
      return Object.hasOwn(facts.variables, field.name) ? facts.variables[field.name]! : null;
    case 'contact':
      return facts.contact[field.key];
    case 'contact_property':
      return Object.hasOwn(facts.contact.properties, field.key) ? facts.contact.properties[field.key]! : null;
    case 'agents_online':
      return facts.agentsOnline;
    case 'office_hours_open':
      return facts.officeHoursOpen;
    case 'visitor_language':
      return facts.language;
  }
}
