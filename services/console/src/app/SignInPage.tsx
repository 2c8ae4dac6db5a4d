import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** Shown without a session: a link to the issuer's sign-in, and why the last session ended. */
export function SignInPage({ reason }: { reason: 'UNAUTHENTICATED' | 'SESSION_EXPIRED' }) {
  const { t } = useTranslation();
  const returnTo = window.location.pathname.startsWith('/console/') ? window.location.pathname : '/console/';
  return (
    <main className="sign-in">
      <div className="sign-in__card">
        <LanguageSwitch />
        <h1>{t('app.title')}</h1>
        {reason === 'SESSION_EXPIRED' ? <p role="alert">{t('signIn.expired')}</p> : <p>{t('signIn.intro')}</p>}
        <a className="button button--primary" href={`/console/auth/login?returnTo=${encodeURIComponent(returnTo)}`}>
          {t('signIn.action')}
        </a>
      </div>
    </main>
  );
}
