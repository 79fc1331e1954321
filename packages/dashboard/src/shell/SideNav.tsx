import { NavLink } from 'react-router';
import { useAuthenticated } from '../auth/SessionContext';
import { Logo } from '../components/Logo';
import { useInbox } from '../inbox/InboxContext';
import { totalUnread } from '../inbox/state/conversations';
import { navItemsFor } from './navItems';

export function SideNav() {
  const unread = useInbox((s) => totalUnread(s.conversations));
  const { agent } = useAuthenticated();
  return (
    <nav className="sidenav" aria-label="Main">
      <NavLink to="/inbox" className="sidenav__logo" aria-label="Parley home">
        <Logo size={34} />
      </NavLink>
      <ul className="sidenav__items">
        {navItemsFor(agent.role).map((item) => {
          const Icon = item.icon;
          const badge = item.badge === 'unread' ? unread : 0;
          return (
            <li key={item.to}>
              <NavLink to={item.to} className={({ isActive }) => `sidenav__item${isActive ? ' is-active' : ''}`}>
                <span className="sidenav__icon">
                  <Icon size={22} />
                  {badge > 0 && (
                    <span className="sidenav__badge" aria-label={`${badge} unread`}>
                      {badge > 99 ? '99+' : badge}
                    </span>
                  )}
                </span>
                <span className="sidenav__label">{item.label}</span>
              </NavLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
