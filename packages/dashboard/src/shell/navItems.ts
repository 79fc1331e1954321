import type { ComponentType } from 'react';
import { BotIcon, ChartIcon, InboxIcon, SettingsIcon } from '../components/icons';

export interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number }>;
  /** Which badge to show beside it. */
  badge?: 'unread';
}

/**
 * The app's sections, in order. New sections (chatbots, statistics, insights,
 * billing, settings) are added here when they exist — no placeholders.
 */
export const NAV_ITEMS: NavItem[] = [
  { to: '/inbox', label: 'Inbox', icon: InboxIcon, badge: 'unread' },
  { to: '/chatbots', label: 'Chatbots', icon: BotIcon },
  { to: '/statistics', label: 'Statistics', icon: ChartIcon },
  { to: '/settings', label: 'Settings', icon: SettingsIcon },
];
