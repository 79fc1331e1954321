/**
 * Browser-level attention: the document title badge "(3) Inbox · Parley" and
 * desktop notifications, both only for messages that arrive while the tab is hidden.
 */
let baseTitle = 'Parley';
let hiddenCount = 0;

function render(): void {
  document.title = hiddenCount > 0 ? `(${hiddenCount}) ${baseTitle}` : baseTitle;
}

export function setBaseTitle(title: string): void {
  baseTitle = title;
  render();
}

export function bumpTitleBadge(): void {
  hiddenCount++;
  render();
}

export function clearTitleBadge(): void {
  if (hiddenCount === 0) return;
  hiddenCount = 0;
  render();
}

export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function notificationPermission(): NotificationPermission | 'unsupported' {
  return notificationsSupported() ? Notification.permission : 'unsupported';
}

export async function requestNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (!notificationsSupported()) return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

export function showNotification(title: string, body: string, tag: string, onClick: () => void): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  try {
    const n = new Notification(title, { body: body.length > 140 ? `${body.slice(0, 139)}…` : body, tag, silent: false });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    /* some browsers only allow notifications from a service worker */
  }
}

const DISMISS_KEY = 'parley.notifications.dismissed';

export function notificationPromptDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISS_KEY) === '1';
  } catch {
    return false;
  }
}

export function dismissNotificationPrompt(): void {
  try {
    localStorage.setItem(DISMISS_KEY, '1');
  } catch {
    /* private mode */
  }
}
