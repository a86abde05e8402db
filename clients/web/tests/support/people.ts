import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { verificationLink } from './mailbox';

/** Someone using the app in their own browser context. */
export interface Person {
  name: string;
  email: string;
  password: string;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page's scripts: there should be none. */
  errors: string[];
}

const RUN = Date.now().toString(36);

/** A new person with a fresh browser context and unique credentials for this run. */
export async function newPerson(browser: Browser, name: string): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { name: `${name}_${RUN}`, email: `${name}.${RUN}@example.test`, password: `secret-${RUN}-${name}`, context, page, errors };
}

/** Fills the registration form and waits for the "check your mail" answer. */
export async function register(person: Person): Promise<void> {
  const { page } = person;
  await page.goto('/#/register');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Username').fill(person.name);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your mail' })).toBeVisible();
}

/** Opens the mailed verification link itself: the API answers with the account, now verified. */
export async function verifyByOpeningTheLink(person: Person): Promise<void> {
  const link = await verificationLink(person.email);
  const answer = await person.page.goto(link);
  expect(answer?.status()).toBe(200);
  expect(await answer?.json()).toMatchObject({ email: person.email, verified: true });
}

/** Pastes the mailed link into the app's verification screen. */
export async function verifyByPastingTheLink(person: Person): Promise<void> {
  const link = await verificationLink(person.email);
  const { page } = person;
  await page.goto('/#/verify');
  await page.getByLabel('Verification link or token').fill(link);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Email verified' })).toBeVisible();
}

export async function logIn(person: Person): Promise<void> {
  const { page } = person;
  await page.goto('/#/login');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Chats', exact: true })).toBeVisible();
}

export async function goToFriends(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Friends' }).click();
  await expect(page.getByRole('heading', { name: 'Friends', exact: true })).toBeVisible();
}

/** `from` finds `to` by username and asks; `to` accepts on their friends screen. */
export async function becomeFriends(from: Person, to: Person): Promise<void> {
  await goToFriends(from.page);
  await from.page.getByLabel('Username starts with').fill(to.name);
  await from.page.getByRole('button', { name: 'Find', exact: true }).click();
  await from.page.getByRole('button', { name: `Add ${to.name} as a friend` }).click();
  await expect(from.page.getByText('Request sent', { exact: true })).toBeVisible();

  await goToFriends(to.page);
  const request = to.page.getByRole('region', { name: 'Requests to you' }).getByRole('listitem').filter({ hasText: from.name });
  await request.getByRole('button', { name: 'Accept' }).click();
  await expect(to.page.getByRole('region', { name: 'Your friends' }).getByText(from.name)).toBeVisible();
}

/** Opens the direct conversation with a friend from the friends screen. */
export async function openChatWith(person: Person, friend: Person): Promise<void> {
  await goToFriends(person.page);
  await person.page.getByRole('button', { name: `Message ${friend.name}` }).click();
  await expect(conversationHeading(person.page, friend.name)).toBeVisible();
}

/** A conversation in the list, by its title (a group's name, or the other person's). */
export function conversationLink(page: Page, title: string): Locator {
  return page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('link')
    .filter({ has: page.locator('.conversation-title .name').getByText(title, { exact: true }) });
}

export async function goToChats(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chats' }).click();
  await expect(page.getByRole('heading', { name: 'Conversations' })).toBeVisible();
}

export function conversationHeading(page: Page, title: string): Locator {
  return page.getByRole('heading', { level: 2, name: title });
}

export function composer(page: Page): Locator {
  return page.getByRole('textbox', { name: /^Message to / });
}

/** Types a message and sends it with Enter. */
export async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** The messages of the open conversation, as the list shows them. */
export function messages(page: Page): Locator {
  return page.getByRole('region', { name: 'Messages' }).locator('li.message:not(.pending)');
}

/** The open conversation's message texts, oldest first. */
export function messageTexts(page: Page): Promise<string[]> {
  return page.getByRole('region', { name: 'Messages' }).locator('li.message:not(.pending) .body').allInnerTexts();
}

export function message(page: Page, text: string): Locator {
  return messages(page).filter({ has: page.locator('.body', { hasText: text }) });
}
