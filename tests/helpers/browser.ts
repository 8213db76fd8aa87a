/**
 * Debian's Chromium for the end-to-end tests, started the way this machine
 * allows (no network beyond localhost), and axe-core's source to inject into
 * pages for the accessibility checks.
 */
import fs from 'fs';

import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails at once, with what to install, when Chromium is missing (before any app is booted). */
export function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: the end-to-end tests need it. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
}

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

export const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

/**
 * axe-core's serious and critical violations on the page (only inside `include`, a selector, when
 * given), one readable line each. axe is injected by evaluation, not as a page script: the demo page
 * and the officers' app rightly refuse inline scripts (CSP).
 */
export async function seriousViolations(page: Page, label: string, include?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async (scope) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(scope ? { include: [[scope]] } : { exclude: [] }, { resultTypes: ['violations'] })).violations;
  }, include ?? null)) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${label}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/**
 * Signs `page` in to the admin panel and waits until it leaves the login
 * screen; closes Strapi's own announcement banner if it shows (it would
 * cover the screenshots).
 */
export async function signInToAdmin(page: Page, baseUrl: string, email: string, password: string, { bannerTimeout = 10_000 } = {}): Promise<void> {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
  const dismiss = page.getByRole('button', { name: /^Đóng thông báo/ }).first();
  const shown = await dismiss
    .waitFor({ state: 'visible', timeout: bannerTimeout })
    .then(() => true)
    .catch(() => false);
  if (shown) await dismiss.click();
}
