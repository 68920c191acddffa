// What every page of the console receives: the backend, who is signed in,
// the words in the chosen language, and a way to tell the user something.
import type { MeView } from '#shared/api';
import type { ConsoleStrings } from '#shared/console/strings';
import type { Failure } from '#shared/sidebar/backend-requests';
import type { Locale, Strings } from '#shared/sidebar/strings';
import type { BackendClient } from './backend-client.ts';

export type Notice = { tone: 'info' | 'error'; text: string };

export interface PageProps {
  api: BackendClient;
  me: MeView;
  /** The console's own words. */
  s: ConsoleStrings;
  /** The sidebars' words: categories, states, SLA phrases, history lines. */
  ss: Strings;
  locale: Locale;
  notify(notice: Notice | null): void;
  /** Puts a failure into words in the notice bar; returns the words. */
  fail(failure: Failure): string;
  navigate(hash: string): void;
}
