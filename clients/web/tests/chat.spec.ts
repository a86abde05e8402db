import { expect, test } from '@playwright/test';
import { gradientPng } from './support/png';
import {
  becomeFriends,
  composer,
  conversationHeading,
  conversationLink,
  goToChats,
  goToFriends,
  logIn,
  message,
  messages,
  messageTexts,
  newPerson,
  openChatWith,
  register,
  send,
  verifyByOpeningTheLink,
  verifyByPastingTheLink,
  type Person,
} from './support/people';
import { saveScreenshot } from './support/screenshots';

// Ann and Ben go through the product together, one step after the other, each in their own browser context.
test.describe.configure({ mode: 'serial' });

let ann: Person;
let ben: Person;
const PHOTO = { width: 96, height: 64 };

test.beforeAll(async ({ browser }) => {
  ann = await newPerson(browser, 'ann');
  ben = await newPerson(browser, 'ben');
});

test.afterEach(() => {
  expect(ann.errors, "errors in Ann's page").toEqual([]);
  expect(ben.errors, "errors in Ben's page").toEqual([]);
});

test.afterAll(async () => {
  await ann?.context.close();
  await ben?.context.close();
});

test('two people register, verify from the mailed link, log in and become friends', async () => {
  await register(ann);
  await register(ben);
  await verifyByOpeningTheLink(ann);
  await verifyByPastingTheLink(ben);
  await logIn(ann);
  await logIn(ben);

  await becomeFriends(ann, ben);

  await openChatWith(ann, ben);
  await openChatWith(ben, ann);
});

test('a message typed by one appears at the other within a second', async () => {
  await send(ann.page, 'Hello Ben!');
  const sentAt = Date.now();
  await expect(message(ben.page, 'Hello Ben!')).toBeVisible({ timeout: 1_000 });
  expect(Date.now() - sentAt).toBeLessThan(1_000);

  await send(ben.page, 'Hi Ann, good to see you here.');
  await expect(message(ann.page, 'Hi Ann, good to see you here.')).toBeVisible({ timeout: 1_000 });
  // Ben has the conversation open, so Ann's message was read: Ann sees it under her message.
  await expect(ann.page.getByText(`Seen by ${ben.name}`)).toBeVisible();
});

test('typing shows at the other and disappears', async () => {
  // At a person's pace, for a while: the SDK sends a typing frame at most once every 3 s and the server forwards at
  // most one every 3 s, so a frame can fall inside the server's window and the next one goes 3 s later.
  const typing = ben.page.getByTestId('typing');
  await composer(ann.page).pressSequentially('I am writing something longer, and still going on', { delay: 150 });
  await expect(typing).toHaveText(`${ann.name} is typing…`);
  // A typing frame holds for 6 s: without another one the indicator goes.
  await expect(typing).toHaveText('', { timeout: 10_000 });
  await composer(ann.page).fill('');
});

test('messages sent while the other is offline appear once and in order when it is back', async () => {
  await ben.context.setOffline(true);
  await expect(ben.page.getByRole('status', { name: 'Connection: offline' })).toBeVisible();

  for (const n of [1, 2, 3]) await send(ann.page, `While you were away ${n}`);
  for (const n of [1, 2, 3]) await expect(message(ann.page, `While you were away ${n}`)).toBeVisible();
  await ann.page.waitForTimeout(1_000);
  await expect(message(ben.page, 'While you were away 1')).toHaveCount(0);

  await ben.context.setOffline(false);
  await expect(message(ben.page, 'While you were away 3')).toBeVisible({ timeout: 15_000 });
  const away = (await messageTexts(ben.page)).filter((text) => text.startsWith('While you were away'));
  expect(away).toEqual(['While you were away 1', 'While you were away 2', 'While you were away 3']);
  await expect(ben.page.getByRole('status', { name: 'Connection: online' })).toBeAttached();
});

test('a photo goes round: the other sees its preview at its natural size', async () => {
  await ann.page.locator('.composer input[type=file]').setInputFiles({
    name: 'gradient.png',
    mimeType: 'image/png',
    buffer: gradientPng(PHOTO.width, PHOTO.height),
  });
  await expect(ann.page.getByRole('button', { name: 'Remove gradient.png' })).toBeVisible();
  await send(ann.page, 'A photo for you');

  const preview = message(ben.page, 'A photo for you').getByRole('img', { name: 'gradient.png' });
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(PHOTO.width);
  expect(await preview.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(PHOTO.height);
});

test('reactions come and go, and a reply quotes its message', async () => {
  const photo = message(ann.page, 'A photo for you');
  await photo.hover();
  await photo.getByRole('button', { name: 'React' }).click();
  await ann.page.getByRole('dialog', { name: /React to/ }).getByRole('button', { name: 'heart' }).click();

  const atBen = message(ben.page, 'A photo for you');
  await expect(atBen.getByRole('button', { name: 'heart: 1' })).toBeVisible();
  await atBen.hover();
  await atBen.getByRole('button', { name: 'React' }).click();
  await ben.page.getByRole('dialog', { name: /React to/ }).getByRole('button', { name: 'party' }).click();
  await expect(photo.getByRole('button', { name: 'party: 1' })).toBeVisible();

  await atBen.getByRole('button', { name: 'party: 1, including you' }).click();
  await expect(photo.getByRole('button', { name: 'party: 1' })).toHaveCount(0);
  await atBen.getByRole('button', { name: 'React' }).click();
  await ben.page.getByRole('dialog', { name: /React to/ }).getByRole('button', { name: 'thumbs up' }).click();
  await expect(photo.getByRole('button', { name: 'thumbs up: 1' })).toBeVisible();

  await atBen.getByRole('button', { name: 'Reply' }).click();
  await send(ben.page, 'Lovely colours!');
  await expect(message(ann.page, 'Lovely colours!').locator('blockquote')).toContainText('A photo for you');
});

test('a group made with a friend shows its unread messages and mentions in the list, and can be renamed', async () => {
  await goToChats(ben.page);

  await ann.page.getByRole('link', { name: 'New group' }).click();
  await ann.page.getByLabel('Group name').fill('Weekend plans');
  await ann.page.getByRole('checkbox', { name: ben.name }).check();
  await ann.page.getByRole('button', { name: 'Create group' }).click();
  await expect(conversationHeading(ann.page, 'Weekend plans')).toBeVisible();
  await send(ann.page, `@${ben.name} are you in for Saturday?`);
  await send(ann.page, 'Bring the photos!');

  const group = conversationLink(ben.page, 'Weekend plans');
  await expect(group).toContainText('2 unread messages');
  await expect(group).toContainText('1 unread mention');

  await ann.page.getByRole('link', { name: 'Members and settings' }).click();
  await expect(ann.page.getByRole('region', { name: 'Members' }).getByText(ben.name)).toBeVisible();
  await ann.page.getByLabel('Group name').fill('Saturday plans');
  await ann.page.getByRole('button', { name: 'Rename' }).click();
  await expect(conversationLink(ben.page, 'Saturday plans')).toContainText('2 unread messages');
});

test('keyboard only: log in and send a message', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/#/login');

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type(ann.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(ann.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Chats', exact: true })).toBeVisible();

  const conversation = conversationLink(page, ben.name);
  await tabTo(page, conversation);
  await expectFocusRing(page);
  await page.keyboard.press('Enter');
  await expect(conversationHeading(page, ben.name)).toBeVisible();

  await tabTo(page, composer(page));
  await page.keyboard.type('Sent without a mouse');
  await page.keyboard.press('Enter');
  await expect(conversationLink(ben.page, ann.name)).toContainText('Sent without a mouse');

  // The reaction picker opens from the keyboard and Escape closes it, giving focus back.
  const react = message(page, 'Sent without a mouse').getByRole('button', { name: 'React' });
  await tabTo(page, react, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /React to/ }).getByRole('button', { name: 'thumbs up' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: /React to/ })).toHaveCount(0);
  await expect(react).toBeFocused();
  await context.close();
});

test('a verification link whose token is not valid is refused with the reason', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/#/verify/not-a-token-we-sent');
  await expect(page.getByRole('alert')).not.toBeEmpty();
  await expect(page.getByRole('heading', { name: 'Email verified' })).toHaveCount(0);
  await context.close();
});

test('search finds a message and opens the conversation at it', async () => {
  await ann.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
  await ann.page.getByLabel('Words or part of a word').fill('colour');
  await ann.page.getByLabel('Words or part of a word').press('Enter');
  await expect(ann.page.getByText('1 message found.')).toBeVisible();
  await ann.page.getByRole('link', { name: /Lovely colours!/ }).click();
  await expect(conversationHeading(ann.page, ben.name)).toBeVisible();
  await expect(message(ann.page, 'Lovely colours!')).toBeFocused();
});

test('sessions list this browser and end another one', async () => {
  await ann.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).click();
  const sessions = ann.page.locator('.sessions > li');
  await expect(sessions).toHaveCount(2); // this one, and the keyboard test's
  await expect(sessions.filter({ hasText: 'this browser' })).toHaveCount(1);
  await ann.page.getByRole('button', { name: /End the session/ }).click();
  await expect(sessions).toHaveCount(1);
  await expect(sessions).toContainText('this browser');
});

test('the dark colour scheme renders on a dark background, the light one on a light background', async ({ browser }) => {
  for (const [colorScheme, dark] of [['dark', true], ['light', false]] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/#/login');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    const luminance = await page.evaluate(() => {
      const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    });
    if (dark) expect(luminance).toBeLessThan(0.2);
    else expect(luminance).toBeGreaterThan(0.8);
    await context.close();
  }
});

test('screenshots of the main screens, light and dark', async ({ browser }) => {
  const visitor = await browser.newContext();
  const login = await visitor.newPage();
  await login.goto('/#/login');
  await expect(login.getByRole('heading', { name: 'Log in' })).toBeVisible();

  for (const scheme of ['light', 'dark'] as const) {
    for (const page of [login, ben.page]) await page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(login, `login-${scheme}`);

    await goToChats(ben.page);
    await saveScreenshot(ben.page, `conversations-${scheme}`);

    await conversationLink(ben.page, ann.name).click();
    await expect(message(ben.page, 'Lovely colours!')).toBeVisible();
    await expect.poll(() => message(ben.page, 'A photo for you').getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await message(ben.page, 'A photo for you').scrollIntoViewIfNeeded();
    await saveScreenshot(ben.page, `conversation-${scheme}`);

    await goToFriends(ben.page);
    await expect(ben.page.getByRole('region', { name: 'Your friends' }).getByText(ann.name)).toBeVisible();
    await expect(ben.page.getByRole('region', { name: 'Requests to you' }).getByText('No requests.')).toBeVisible();
    await saveScreenshot(ben.page, `friends-${scheme}`);
  }
  await ben.page.emulateMedia({ colorScheme: 'light' });
  await visitor.close();
});

test('with reduced motion asked for, nothing animates', async () => {
  await conversationLink(ben.page, ann.name).click();
  const bubble = messages(ben.page).first().locator('.bubble');
  const duration = () => bubble.evaluate((element) => getComputedStyle(element).transitionDuration);
  await ben.page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await duration()).not.toBe('0s');
  await ben.page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await duration()).toBe('0s');
  await ben.page.emulateMedia({ reducedMotion: 'no-preference' });
});

test('history loads older pages as the reader scrolls up, each message once and in order', async () => {
  await conversationLink(ann.page, 'Saturday plans').click();
  for (let n = 1; n <= 35; n++) await send(ann.page, `Count ${n}`);
  await expect(message(ann.page, 'Count 35')).toBeVisible();

  await conversationLink(ben.page, 'Saturday plans').click();
  await expect(message(ben.page, 'Count 35')).toBeVisible();
  await expect(message(ben.page, 'Bring the photos!')).toHaveCount(0); // older than the first page
  await ben.page.getByRole('region', { name: 'Messages' }).evaluate((list) => list.scrollTo({ top: 0 }));
  await expect(ben.page.getByText('This is the beginning of the conversation.')).toBeVisible();

  const counted = Array.from({ length: 35 }, (_, i) => `Count ${i + 1}`);
  expect(await messageTexts(ben.page)).toEqual([`@${ben.name} are you in for Saturday?`, 'Bring the photos!', ...counted]);
  await expect(conversationLink(ben.page, 'Saturday plans')).not.toContainText('unread');
});

test('logging out ends the session and goes back to the login', async () => {
  await ann.page.getByRole('button', { name: 'Log out' }).click();
  await expect(ann.page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await ann.page.reload();
  await expect(ann.page.getByRole('heading', { name: 'Log in' })).toBeVisible();
});

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: import('@playwright/test').Page, target: import('@playwright/test').Locator, key = 'Tab', max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

/** The focused element shows a focus ring. */
async function expectFocusRing(page: import('@playwright/test').Page) {
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
}
