// The privacy officer's console in a real browser (Debian's Chromium through playwright-core),
// against the real gateway, database and development OpenID provider. Each test is one story an
// officer would tell; screens are checked with axe-core and photographed into
// services/console/test-output/ (git-ignored) for a reviewer to look at.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { Notice, Partner } from '@provision/db';
import { CONSOLE_ASSETS_DIR } from './app.js';
import { type ConsoleHarness, startConsoleHarness } from './console.harness.js';
import { writeDemoActivity } from './demo-activity.js';
import { loadOperation } from './operations.harness.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const OUTPUT = fileURLToPath(new URL('../../console/test-output/', import.meta.url));
const MINUTE = 60_000;

/** A story in a browser on 2 shared cores: seconds each, and a hang guard well above that. */
const STORY_MS = 240_000;

describe('the privacy officer’s console in a browser', () => {
  let console: ConsoleHarness;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (.ci/run does)`);
    if (!existsSync(join(CONSOLE_ASSETS_DIR, 'index.html'))) throw new Error('the console is not built: npx nx build console');
    mkdirSync(OUTPUT, { recursive: true });
    console = await startConsoleHarness({ fourEyesPublishing: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  }, STORY_MS);
  afterAll(async () => {
    await browser?.close();
    await console?.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul', viewport: { width: 1280, height: 900 } });
  });
  afterEach(async () => {
    await context?.close();
  });

  /** No accessibility violation axe-core can find on the page as it stands. */
  async function expectAccessible(page: Page): Promise<void> {
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
  }

  /** Signs in at the development provider as a browser would, starting from a console page. */
  async function signIn(page: Page, login: string, password: string, path = '/console/'): Promise<void> {
    await page.goto(`${console.origin}${path}`);
    await page.getByRole('link', { name: '로그인' }).click();
    await page.getByLabel('아이디 (Login ID)').fill(login);
    await page.getByLabel('비밀번호 (Password)').fill(password);
    await page.getByRole('button', { name: '로그인 (Sign in)' }).click();
    await page.getByRole('button', { name: '로그아웃' }).waitFor();
  }

  const nav = (page: Page, name: string) => page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name }).click();

  const disclosed = async () => {
    const response = await fetch(`${console.harness.base}/disclosure`, { headers: { accept: 'application/json' } });
    const tables = (await response.json()) as { recipients: { code: string }[]; consignees: { code: string; reconsignees: { code: string }[] }[] };
    return [...tables.recipients, ...tables.consignees, ...tables.consignees.flatMap((c) => c.reconsignees)].map((p) => p.code);
  };

  it('an officer registers a consignee and drafts its agreement; a second officer approves it and it is disclosed', async () => {
    const page = await context.newPage();
    await page.goto(`${console.origin}/console/`);
    await page.getByRole('link', { name: '로그인' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, '00-sign-in');
    await signIn(page, 'kim', 'demo-kim');
    await page.getByRole('heading', { name: '현황', level: 1 }).waitFor();
    await page.getByRole('table', { name: '구분·상태별 파트너' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, '01-overview');

    await nav(page, '제공·위탁 대상');
    await page.getByRole('button', { name: '새 파트너 등록' }).click();
    const form = page.getByRole('form', { name: '새 파트너 등록' });
    await form.getByLabel('코드', { exact: true }).fill('Bad Code');
    await form.getByRole('button', { name: '등록' }).click();
    // The API's field error, at the field.
    await form.getByText('code must be 3-64 lowercase letters, digits or dashes').waitFor();
    await form.getByLabel('코드', { exact: true }).fill('hangang-callcenter');
    await form.getByLabel('이름 (한국어)').fill('한강콜센터');
    await form.getByLabel('이름 (영어)').fill('Hangang Call Center');
    await form.getByLabel('위탁 업무 (한국어)').fill('고객 상담 전화 응대');
    await form.getByLabel('위탁 업무 (영어)').fill('answering customer calls');
    await form.getByLabel('개인정보 담당자').fill('박하늘');
    await form.getByLabel('담당자 이메일').fill('privacy@hangang.example');
    await form.getByLabel('클라이언트 ID').fill('hangang-callcenter');
    await expectAccessible(page);
    await screenshot(page, '02-register-partner');
    await form.getByRole('button', { name: '등록' }).click();
    await page.getByRole('link', { name: '한강콜센터' }).click();
    await page.getByRole('heading', { name: '한강콜센터' }).waitFor();
    await page.getByRole('link', { name: '계약 초안 작성' }).click();

    const draft = page.getByRole('form', { name: '새 계약 버전 초안' });
    await draft.getByRole('checkbox', { name: '성명 × 콜센터 상담', exact: true }).check();
    await draft.getByRole('checkbox', { name: '휴대전화번호 × 콜센터 상담', exact: true }).check();
    await draft.getByRole('radio', { name: '계약 종료 시까지' }).check();
    await expectAccessible(page);
    await screenshot(page, '03-agreement-draft');
    await draft.getByRole('button', { name: '초안 제출' }).click();
    await draft.getByText('초안을 제출했습니다').waitFor();
    const pending = page.getByRole('article').filter({ hasText: 'hangang-callcenter' });
    await pending.getByText('작성: 김민지').waitFor();
    // Four-eyes: its drafter cannot approve it.
    expect(await pending.getByRole('button', { name: '승인' }).isDisabled()).toBe(true);
    expect(await disclosed()).not.toContain('hangang-callcenter');

    const second = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul', viewport: { width: 1280, height: 900 } });
    try {
      const lee = await second.newPage();
      await signIn(lee, 'lee', 'demo-lee', '/console/agreements');
      const review = lee.getByRole('article').filter({ hasText: 'hangang-callcenter' });
      await review.getByText('추가').first().waitFor();
      // Grants by their catalog labels, not their keys.
      await review.getByRole('cell', { name: '성명 × 콜센터 상담', exact: true }).waitFor();
      // Changed terms by their names and, where the console words them elsewhere, their values.
      await review.getByRole('cell', { name: '법적 근거: — → 계약 이행', exact: true }).waitFor();
      await review.getByRole('cell', { name: '정보주체 동의 필요: — → 아니요', exact: true }).waitFor();
      await screenshot(lee, '04-agreement-approval');
      await review.getByRole('button', { name: '승인' }).click();
      await lee.getByText('승인 대기 중인 초안이 없습니다.').waitFor();
    } finally {
      await second.close();
    }
    expect(await disclosed()).toContain('hangang-callcenter');

    const partnerId = (await console.db.orm.em.fork().findOneOrFail(Partner, { code: 'hangang-callcenter' })).id;
    await page.goto(`${console.origin}/console/partners/${partnerId}`);
    const versions = page.getByRole('table', { name: '계약 버전' });
    await versions.getByRole('cell', { name: '이서준' }).waitFor();
    await versions.getByRole('cell', { name: '김민지' }).waitFor();
    // Its grants by their catalog labels.
    const grants = await versions.getByRole('cell', { name: /× 콜센터 상담/ }).textContent();
    expect(grants?.split(', ').sort()).toEqual(['성명 × 콜센터 상담', '휴대전화번호 × 콜센터 상담']);
  }, STORY_MS);

  it('terminating a partner shows what it holds, sends the destruction notice and removes it from the disclosure', async () => {
    // The call center reads one case first: the ledger then shows it holds that subject's data.
    const token = await console.harness.token('ktis-callcenter', ['partner:read', 'pii:name', 'pii:mobile', 'pii:memberId', 'pii:email']);
    const read = await console.harness.post({ query: loadOperation('partner/call-center-cases') }, token);
    expect(read.body.errors).toBeUndefined();
    expect(await disclosed()).toContain('ktis');

    const page = await context.newPage();
    await signIn(page, 'kim', 'demo-kim', '/console/partners');
    await page.getByRole('link', { name: '(주)케이티아이에스' }).click();
    await page.getByRole('button', { name: '계약 종료' }).click();
    const dialog = page.getByRole('dialog', { name: '파트너 계약 종료' });
    await dialog.getByText(/정보주체 1명과 주문 \d건의 개인정보를 받았습니다/).waitFor();
    await expectAccessible(page);
    await screenshot(page, '05-terminate-confirmation');
    await dialog.getByLabel('사유').fill('위탁 계약 만료');
    await dialog.getByRole('button', { name: '계약 종료' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: '상태 이력' }).getByRole('cell', { name: '종료', exact: true }).waitFor();

    const notices = await console.db.orm.em.fork().find(Notice, { type: 'partnership-terminated' }, { populate: ['partner'] });
    expect(notices.map((notice) => notice.partner.getEntity().code)).toEqual(['ktis']);
    expect(await disclosed()).not.toContain('ktis');

    await nav(page, '통지·파기');
    await page.getByRole('cell', { name: 'partnership-terminated' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, '06-notices');
  }, STORY_MS);

  it('an officer edits a partner’s contact and webhook, rotates its secret, adds and revokes a client, and finds each change under her name in the permission history', async () => {
    const page = await context.newPage();
    await signIn(page, 'kim', 'demo-kim', '/console/partners');
    await page.getByRole('link', { name: '서울스니커즈' }).click();
    await page.getByRole('button', { name: '정보 수정' }).click();
    const form = page.getByRole('form', { name: '파트너 정보 수정' });
    await form.getByLabel('담당자 이메일').fill('privacy at sneakers');
    await form.getByLabel('통지 수신 URL (웹훅)').fill('http://sneakers.example/notices');
    await form.getByRole('button', { name: '저장' }).click();
    // Each of the API's refusals shows at its field: the input rules first, then the registry's.
    await form.getByText('email must be an email address').waitFor();
    await form.getByLabel('담당자 이메일').fill('privacy@sneakers.example');
    await form.getByRole('button', { name: '저장' }).click();
    await form.getByText('must be an https URL (plain http only to localhost)').waitFor();
    expect(await form.getByLabel('통지 수신 URL (웹훅)').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await screenshot(page, '16-partner-edit-errors');
    await form.getByLabel('통지 수신 URL (웹훅)').fill('https://sneakers.example/notices');
    await form.getByRole('button', { name: '저장' }).click();
    // A first webhook URL: its signing secret, shown this once.
    const saved = page.getByRole('status').filter({ hasText: '저장했습니다.' });
    const firstSecret = await saved.locator('code').textContent();
    expect(firstSecret).toMatch(/^[\w-]{43}$/);
    await saved.getByRole('button', { name: '닫기' }).click();
    await page.getByText('https://sneakers.example/notices').waitFor();

    await page.getByRole('button', { name: '웹훅 비밀값 재발급' }).click();
    const rotate = page.getByRole('dialog', { name: '웹훅 비밀값 재발급' });
    await rotate.getByText(/https:\/\/sneakers\.example\/notices\(으\)로 가는 모든 통지는 새 비밀값으로 서명되고, 앞으로 24시간 동안은 이전 비밀값으로도/).waitFor();
    await expectAccessible(page);
    await screenshot(page, '17-rotate-webhook-secret');
    await rotate.getByRole('button', { name: '재발급' }).click();
    const newSecret = await rotate.getByRole('status').locator('code').textContent();
    expect(newSecret).toMatch(/^[\w-]{43}$/);
    expect(newSecret).not.toBe(firstSecret);
    await rotate.getByRole('button', { name: '닫기' }).click();
    await rotate.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '클라이언트 추가' }).click();
    const add = page.getByRole('dialog', { name: '클라이언트 추가' });
    await add.getByLabel('클라이언트 ID').fill('seoul-sneakers-2');
    // Each scope by what it lets the client read, the scope itself beside it.
    await add.getByRole('checkbox', { name: '수령인 성명 pii:receiver.name', exact: true }).check();
    await add.getByRole('checkbox', { name: /^제휴사 API: 개인정보를 뺀 주문·구독·상담 조회와 파기 확인 partner:read$/ }).waitFor();
    await expectAccessible(page);
    await screenshot(page, '18-add-client');
    await add.getByRole('button', { name: '추가' }).click();
    await add.waitFor({ state: 'detached' });
    const clients = page.getByRole('table', { name: '클라이언트' });
    await clients.getByRole('row').filter({ hasText: 'seoul-sneakers-2' }).getByText('partner:read pii:receiver.name').waitFor();

    await page.getByRole('button', { name: 'seoul-sneakers-2의 권한 범위 변경' }).click();
    const scopes = page.getByRole('dialog', { name: 'seoul-sneakers-2의 권한 범위 변경' });
    await scopes.getByRole('checkbox', { name: 'pii:receiver.phone' }).check();
    await scopes.getByRole('button', { name: '변경' }).click();
    await scopes.getByText(/^reason must be/).waitFor();
    expect(await scopes.getByLabel('사유').getAttribute('aria-invalid')).toBe('true');
    await scopes.getByLabel('사유').fill('배송 연락 필요');
    await scopes.getByRole('button', { name: '변경' }).click();
    await scopes.waitFor({ state: 'detached' });
    await clients.getByRole('row').filter({ hasText: 'seoul-sneakers-2' }).getByText('partner:read pii:receiver.name pii:receiver.phone').waitFor();

    await page.getByRole('button', { name: '클라이언트 seoul-sneakers-2 폐기' }).click();
    const revoke = page.getByRole('dialog', { name: '클라이언트 seoul-sneakers-2 폐기' });
    await revoke.getByText('폐기는 되돌릴 수 없습니다.', { exact: false }).waitFor();
    await revoke.getByLabel('사유').fill('시범 운영 종료');
    await revoke.getByRole('button', { name: '폐기' }).click();
    await revoke.waitFor({ state: 'detached' });
    await clients.getByRole('row').filter({ hasText: 'seoul-sneakers-2' }).getByText(/폐기$/).waitFor();
    await expectAccessible(page);
    await screenshot(page, '19-partner-clients');

    // The permission history, filtered by partner and then by client: every change, with the officer.
    await nav(page, '권한 변경 이력');
    await page.getByLabel('코드').fill('seoul-sneakers');
    await page.getByRole('button', { name: '검색' }).click();
    const rows = page.getByRole('table').getByRole('row');
    await rows.filter({ hasText: '웹훅 비밀값 재발급' }).filter({ hasText: '김민지' }).waitFor();
    await rows.filter({ hasText: '파트너 정보 수정' }).filter({ hasText: /변경: .*privacyContact\.email.*webhookUrl/ }).waitFor();
    await expectAccessible(page);
    await screenshot(page, '20-history-filtered');
    await page.getByLabel('코드').fill('');
    await page.getByLabel('클라이언트 ID').fill('seoul-sneakers-2');
    await page.getByRole('button', { name: '검색' }).click();
    await rows.filter({ hasText: '클라이언트 폐기' }).filter({ hasText: '시범 운영 종료' }).waitFor();
    expect(await rows.filter({ hasText: '웹훅 비밀값 재발급' }).count()).toBe(0);
    expect((await rows.allTextContents()).slice(1).map((row) => /클라이언트 추가|클라이언트 폐기|권한 범위 변경/.exec(row)?.[0])).toEqual([
      '클라이언트 폐기',
      '권한 범위 변경',
      '클라이언트 추가',
    ]);
  }, STORY_MS);

  it('an officer signs a monthly review off, and the sign-off is shown with her name', async () => {
    const month = new Date(Date.now() + 9 * 3600_000 - 31 * 24 * 3600_000).toISOString().slice(0, 7);
    const admin = await console.harness.token('privacy-admin', ['admin:read', 'admin:write']);
    const generated = await console.harness.post({ query: loadOperation('admin/generate-review-report'), variables: { partnerCode: 'hanbok-house', month } }, admin);
    expect(generated.body.errors).toBeUndefined();

    const page = await context.newPage();
    await signIn(page, 'kim', 'demo-kim', '/console/reviews');
    await page.getByLabel('점검 월').fill(month);
    await page.getByRole('row').filter({ hasText: '서명 전' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: '발견 사항' }).waitFor();
    await page.getByLabel('의견').fill('이상 없음');
    await page.getByLabel('후속 조치').fill('새벽 시간대 조회 사유 확인');
    await expectAccessible(page);
    await page.getByRole('button', { name: '서명' }).click();
    await page.getByRole('listitem').filter({ hasText: /김민지, .*\(1차 보고서\)/ }).getByText('이상 없음').waitFor();
    await screenshot(page, '07-review-signed-off');
  }, STORY_MS);

  it('a subject’s provision report is printed to PDF as the answer to an access request', async () => {
    const page = await context.newPage();
    await signIn(page, 'kim', 'demo-kim', '/console/subjects');
    await page.getByLabel('쇼핑몰 회원·주문자 ID').fill('member-0001');
    await page.getByRole('button', { name: '조회' }).click();
    await page.getByRole('heading', { name: 'member-0001의 개인정보 제공 내역' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, '08-subject-report');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const file = join(OUTPUT, 'subject-report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('member-0001');
    expect(text).toContain('개인정보를 제공받은 자');
    // The print stylesheet leaves the console's chrome out.
    expect(text).not.toContain('로그아웃');
    expect(text).not.toContain('인쇄 / PDF 저장');
  }, STORY_MS);

  it('refuses the console API to a signed-out browser and a state change without the CSRF token', async () => {
    const page = await context.newPage();
    await page.goto(`${console.origin}/console/`);
    const signedOut = await page.evaluate(async () => {
      const response = await fetch('/console/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ partners { code } }"}' });
      return response.status;
    });
    expect(signedOut).toBe(401);

    await signIn(page, 'lee', 'demo-lee');
    const noCsrf = await page.evaluate(async () => {
      const response = await fetch('/console/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { requeueNotice(noticeId: "00000000-0000-0000-0000-000000000000") { id } }' }),
      });
      return { status: response.status, body: await response.json() };
    });
    expect(noCsrf).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'CSRF_TOKEN_INVALID' } }] } });
  }, STORY_MS);

  it('ends an idle officer’s session and asks her to sign in again', async () => {
    const page = await context.newPage();
    await signIn(page, 'lee', 'demo-lee');
    // Idle: the overview has loaded before the clock moves, so no request of the sign-in is still
    // in flight (its answer would be the expiry already, before the story's own request).
    await page.getByRole('table', { name: '구분·상태별 파트너' }).waitFor();
    const { clock } = console.harness;
    const start = clock.now();
    try {
      clock.set(new Date(start.getTime() + 31 * MINUTE).toISOString());
      await nav(page, '권한 변경 이력');
      await page.getByRole('alert').filter({ hasText: '세션이 만료되었습니다' }).waitFor();
      await screenshot(page, '09-session-expired');
    } finally {
      clock.set(start.toISOString());
    }
  }, STORY_MS);

  it('an officer reads every screen, in Korean and in English, each without accessibility violations', async () => {
    const page = await context.newPage();
    await signIn(page, 'lee', 'demo-lee');
    const screens: [string, string, string][] = [
      ['통지·파기', '통지·파기', '10-notices'],
      ['월간 점검', '월간 접근 점검', '11-reviews'],
      ['처리방침 공개', '처리방침 공개 표 미리보기', '12-disclosure'],
      ['권한 변경 이력', '권한 변경 이력', '13-history'],
      ['계약 버전', '계약 버전', '14-agreements'],
    ];
    for (const [link, heading, name] of screens) {
      await nav(page, link);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.getByText('불러오는 중…').first().waitFor({ state: 'detached' });
      await expectAccessible(page);
      await screenshot(page, name);
    }
    // The month of partner reads `npm start` writes (the other stories' reads notwithstanding): the overview's chart and its harvest alert.
    await writeDemoActivity(console.db.orm.em.fork(), console.harness.clock.now());
    // Written behind the console's back: the overview it read at sign-in may still be fresh in its
    // cache (10 s) when the screens above go quickly, so the officer reloads, as she would.
    await page.reload();
    await page.getByLabel('언어').first().selectOption('en');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Partners by kind and status' }).waitFor();
    await page.getByRole('table', { name: 'Items released and denied per partner' }).getByRole('rowheader', { name: 'hanbok-house' }).waitFor();
    await page.getByRole('table', { name: 'Harvest alerts, last 30 days' }).getByRole('row').filter({ hasText: 'hanbok-house' }).getByText('Jump in the denial rate').waitFor();
    await expectAccessible(page);
    await screenshot(page, '15-overview-en');
  }, STORY_MS);
});
