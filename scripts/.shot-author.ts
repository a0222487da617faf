import { openApp } from './browser-harness.ts';
const { base, browser, close } = await openApp(4271);
try {
	const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
	page.on('console', (m) => console.log('console:', m.type(), m.text()));
	page.on('pageerror', (e) => console.log('pageerror:', e.message));
	await page.goto(`${base}/author/`);
	await page.setInputFiles('#scenario-file', 'scenarios/http4-night.yaml');
	const t = Date.now();
	await page
		.getByTestId('author-status')
		.filter({ hasText: /passes every check|problem|Refused/ })
		.waitFor({ timeout: 60_000 });
	console.log('status:', await page.getByTestId('author-status').textContent(), Date.now() - t, 'ms');
	await page.screenshot({ path: 'test-results/author-valid.png', fullPage: true });
	await page.fill(
		'#scenario-text',
		(await page.inputValue('#scenario-text'))
			.replace('reveals: [customers-notified]', 'reveals: [customer-notified]')
			.replace('label: "Read the BMC', 'lable: "Read the BMC')
			.replace('minutes: 45', 'minutes: 0')
	);
	await page.getByRole('button', { name: 'Check', exact: true }).click();
	await page
		.getByTestId('author-status')
		.filter({ hasText: /passes every check|problem|Refused/ })
		.waitFor({ timeout: 60_000 });
	console.log('status:', await page.getByTestId('author-status').textContent());
	await page.screenshot({ path: 'test-results/author-errors.png', fullPage: false });
} finally {
	await close();
}
