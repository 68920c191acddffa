// The functions Apps Script calls by name (appsscript.json's triggers and the
// cards' buttons). Nothing else: the build turns each export into a top-level
// function of Code.js, and all logic lives in the modules.
import { createAddon, type Addon } from './addon.ts';
import type { AddonEvent, AppsScriptServices } from './services.ts';
import { buildSettings } from './settings.ts';

let addon: Addon | null = null;

/** The real Apps Script services, read from the globals only when a trigger runs. */
function instance(): Addon {
  const services: AppsScriptServices = {
    card: CardService,
    gmail: GmailApp,
    urlFetch: UrlFetchApp,
    script: ScriptApp,
    properties: PropertiesService,
    cache: CacheService,
    now: () => Date.now(),
  };
  addon ??= createAddon(services, buildSettings());
  return addon;
}

export function onGmailMessageOpen(e: AddonEvent) {
  return instance().onMessageOpen(e);
}

export function onGmailCompose(e: AddonEvent) {
  return instance().onCompose(e);
}

export function onHomepage(e: AddonEvent) {
  return instance().onHomepage(e);
}

export function onCardAction(e: AddonEvent) {
  return instance().onCardAction(e);
}
