import { describe, expect, it } from 'vitest';
import type { ConditionFacts } from '../conditions/condition-facts.js';
import { renderTemplate } from './render-template.js';

const facts: ConditionFacts = {
  variables: { order: 'A-17', seats: 3, vip: true },
  contact: { name: 'Jana "JN" Nováková', email: 'jana@acme.cz', phone: null, properties: { plan: 'pro & more' } },
  agentsOnline: true,
  officeHoursOpen: true,
  language: 'cs-CZ',
};

describe('renderTemplate', () => {
  it('fills variables, contact fields, contact properties and the visitor language', () => {
    expect(
      renderTemplate('{{variable.order}} {{ variable.seats }} {{variable.vip}} {{contact.email}} {{contact_property.plan}} {{visitor_language}}', facts, 'json'),
    ).toBe('A-17 3 true jana@acme.cz pro & more cs-CZ');
  });

  it('escapes values for a JSON string or a URL component', () => {
    expect(renderTemplate('{"name":"{{contact.name}}"}', facts, 'json')).toBe('{"name":"Jana \\"JN\\" Nováková"}');
    expect(renderTemplate('?plan={{contact_property.plan}}', facts, 'url')).toBe('?plan=pro%20%26%20more');
  });

  it('leaves unknown or empty placeholders empty and evaluates nothing', () => {
    expect(renderTemplate('[{{contact.phone}}][{{variable.nope}}][{{contact.constructor}}][{{process.env}}][{{variable.constructor}}]', facts, 'json')).toBe('[][][][][]');
    expect(renderTemplate('{{ 1 + 1 }} {single}', facts, 'json')).toBe('{{ 1 + 1 }} {single}');
  });
});
