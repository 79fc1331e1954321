import type { ComponentType } from 'react';
import type { AgentRole } from '../api/types';
import { BotIcon, CardIcon, ChartIcon, InboxIcon, SettingsIcon } from '../components/icons';

export interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number }>;
  /** Which badge to show beside it. */
  badge?: 'unread';
  /** Only these roles see it (everyone when absent). */
  roles?: readonly AgentRole[];
}

/**
 * The app's sections, in order. New sections (chatbots, statistics, insights,
 * billing, settings) are added here when they exist — no placeholders.
 */
export const NAV_ITEMS: NavItem[] = [
  { to: '/inbox', label: 'Inbox', icon: InboxIcon, badge: 'unread' },
  { to: '/chatbots', label: 'Chatbots', icon: BotIcon },
  { to: '/statistics', label: 'Statistics', icon: ChartIcon },
  { to: '/billing', label: 'Billing', icon: CardIcon, roles: ['owner', 'admin'] },
  { to: '/settings', label: 'Settings', icon: SettingsIcon },
];

/** The sections `role` sees. */
export function navItemsFor(role: AgentRole, items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  return items.filter((item) => !item.roles || item.roles.includes(role));
}
