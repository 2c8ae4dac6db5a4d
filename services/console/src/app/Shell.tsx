import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';
import { navigation } from './routes';
import { signOut, useSession } from './session';

/** Header (who is signed in, language, sign-out), navigation, and the screen. */
export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <div className="shell">
      <header className="shell__header">
        <span className="shell__title">{t('app.title')}</span>
        <span className="shell__person">{t('app.signedInAs', { name: session.person.name ?? session.person.sub })}</span>
        <LanguageSwitch />
        <button type="button" className="button" onClick={() => void signOut(session.csrfToken)}>
          {t('app.signOut')}
        </button>
      </header>
      <nav className="shell__nav" aria-label={t('app.navigation')}>
        <ul>
          {navigation.map(({ path, label }) => (
            <li key={path}>
              <NavLink to={path} end={path === '/'}>
                {t(label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="shell__main">
        <Outlet />
      </main>
    </div>
  );
}
