// The Apps Script services the add-on uses, narrowed to the calls it makes.
// index.ts passes the real globals; the test stand-in implements exactly these
// types, so a call Apps Script lacks fails to compile on both sides.
/// <reference types="google-apps-script" />

type CardServiceApi = GoogleAppsScript.Card_Service.CardService;

export type CardServiceUsed = Pick<
  CardServiceApi,
  | 'SelectionInputType'
  | 'TextButtonStyle'
  | 'newAction'
  | 'newActionResponseBuilder'
  | 'newButtonSet'
  | 'newCardBuilder'
  | 'newCardHeader'
  | 'newCardSection'
  | 'newDatePicker'
  | 'newDecoratedText'
  | 'newNavigation'
  | 'newNotification'
  | 'newSelectionInput'
  | 'newTextButton'
  | 'newTextInput'
  | 'newTextParagraph'
>;

export interface AppsScriptServices {
  card: CardServiceUsed;
  gmail: Pick<GoogleAppsScript.Gmail.GmailApp, 'setCurrentMessageAccessToken' | 'getMessageById'>;
  urlFetch: Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch'>;
  script: Pick<GoogleAppsScript.Script.ScriptApp, 'getIdentityToken'>;
  properties: Pick<GoogleAppsScript.Properties.PropertiesService, 'getUserProperties'>;
  cache: Pick<GoogleAppsScript.Cache.CacheService, 'getUserCache'>;
  /** The clock: Date.now in Apps Script, a controlled one in tests if they need it. */
  now(): number;
}

export type Card = GoogleAppsScript.Card_Service.Card;
export type ActionResponse = GoogleAppsScript.Card_Service.ActionResponse;
export type AddonEvent = GoogleAppsScript.Addons.EventObject;
