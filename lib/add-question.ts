/**
 * The question "Add this page anyway?" when it was asked by the keyboard command or the context
 * menu, which cannot show a button: the toolbar badge shows "?", and the question waits here, in
 * session storage, for a minute. Doing "Add this page" again on the same page answers it (the page
 * is added anyway), and so does the "Add anyway" button of the popup, which shows the question
 * when it is opened on that tab. One question at a time: a newer one replaces it.
 */
import { storage } from 'wxt/utils/storage';
import type { ReaderText } from '../core/protocol';

export interface AddQuestion {
  tabId: number;
  /** The page asked about: a question about another page in the same tab does not count. */
  url?: string;
  /** The question, in English. */
  message: string;
  /** The question as messages of the catalogs, for the reader's language. */
  text?: ReaderText;
  /** When it was asked (ms since epoch). */
  at: number;
}

/** How long a question waits for its answer. */
export const ADD_QUESTION_MS = 60_000;

export const addQuestionItem = storage.defineItem<AddQuestion | null>('session:addQuestion', { fallback: null });

/** Keep a question about a tab's page (replacing any earlier one). */
export async function askAboutPage(question: AddQuestion): Promise<void> {
  await addQuestionItem.setValue(question);
}

/** The question waiting about this tab's page, if it was asked less than a minute ago. */
export async function pendingQuestion(tabId: number, url: string | undefined, now = Date.now()): Promise<AddQuestion | undefined> {
  const question = await addQuestionItem.getValue();
  if (!question || question.tabId !== tabId || now - question.at > ADD_QUESTION_MS) return undefined;
  if (question.url !== undefined && url !== undefined && question.url !== url) return undefined;
  return question;
}

/** Forget the question about this tab (answered, or the page was added another way). */
export async function forgetQuestion(tabId: number): Promise<void> {
  const question = await addQuestionItem.getValue();
  if (question?.tabId === tabId) await addQuestionItem.setValue(null);
}
