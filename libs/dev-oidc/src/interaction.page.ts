import { html } from '@provision/util';

/** Why the last sign-in attempt was refused. */
export type LoginFailure = 'WRONG_CREDENTIALS';

/**
 * The development provider's sign-in page: Korean and English, plain form, no script. It states
 * that it is the development issuer, so no one mistakes it for the company's.
 */
export function interactionPage({ uid, clientId, failure }: { uid: string; clientId: string; failure: LoginFailure | null }): string {
  const error = failure
    ? html`<p role="alert" class="error">아이디 또는 비밀번호가 올바르지 않습니다. / Wrong login id or password.</p>`
    : '';
  return html`<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>개발용 로그인 · Development sign-in</title>
<style>
  body { font-family: 'Noto Sans CJK KR', 'Noto Sans KR', system-ui, sans-serif; background: #f4f5f7; color: #1d2330; margin: 0; }
  main { max-width: 24rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
  p.note { color: #4a5263; font-size: .875rem; margin: 0 0 1.5rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; border: 1px solid #8a93a6; border-radius: 4px; }
  button { margin-top: 1.5rem; width: 100%; padding: .6rem; font-size: 1rem; background: #1f4fd1; color: #fff; border: 0; border-radius: 4px; }
  .error { color: #a4161a; font-weight: 600; }
</style>
</head>
<body>
<main>
  <h1>개발용 OpenID 제공자 · Development OpenID provider</h1>
  <p class="note">${clientId} — 개발·테스트 전용입니다. For development and tests only.</p>
  ${error}
  <form method="post" action="/interaction/${uid}">
    <label for="login">아이디 (Login ID)</label>
    <input id="login" name="login" autocomplete="username" required autofocus>
    <label for="password">비밀번호 (Password)</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">로그인 (Sign in)</button>
  </form>
</main>
</body>
</html>
`.toString();
}
