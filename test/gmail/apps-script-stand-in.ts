// A stand-in for the Apps Script services the Gmail add-on calls (CardService,
// GmailApp, UrlFetchApp, ScriptApp, PropertiesService, CacheService), typed
// against @types/google-apps-script: each builder `implements` the real
// interface, and the set of services is the add-on's own `AppsScriptServices`,
// so a call Apps Script does not have fails to compile here or there. Cards are
// recorded as plain data a test can read; UrlFetchApp sends real HTTP requests
// through a synchronous `fetchSync` the caller provides.
/// <reference types="google-apps-script" />
import vm from 'node:vm';
import type { AppsScriptServices } from '../../addin-gmail/src/services.ts';

type CS = typeof GoogleAppsScript.Card_Service;
type Card_Service = GoogleAppsScript.Card_Service.CardService;

// ---- What a test reads -------------------------------------------------------

export interface ActionData {
  functionName: string;
  parameters: Record<string, string>;
}
export interface ButtonData {
  text: string;
  altText: string | null;
  filled: boolean;
  action: ActionData | null;
}
export type WidgetData =
  | { kind: 'paragraph'; text: string }
  | { kind: 'decorated'; topLabel: string | null; text: string; bottomLabel: string | null; button: ButtonData | null }
  | { kind: 'buttons'; buttons: ButtonData[] }
  | { kind: 'text-input'; fieldName: string; title: string; hint: string | null; multiline: boolean }
  | { kind: 'selection'; type: string; fieldName: string; title: string; items: Array<{ text: string; value: string; selected: boolean }> }
  | { kind: 'date'; fieldName: string; title: string };
export interface SectionData {
  header: string | null;
  collapsible: boolean;
  widgets: WidgetData[];
}
export interface CardData {
  title: string;
  subtitle: string | null;
  sections: SectionData[];
}
export type NavigationStep = { op: 'push' | 'update'; card: CardData } | { op: 'pop' | 'popToRoot' };
export interface ResponseData {
  navigation: NavigationStep[];
  notification: string | null;
}

/** A request UrlFetchApp made. */
export interface FetchRecord {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

/** What the stand-in's UrlFetchApp needs: one HTTP exchange, blocking. Throws when the server cannot be reached. */
export type FetchSync = (request: FetchRecord) => { status: number; body: string };

/** A message in a user's mailbox, as GmailApp shows it. */
export interface MailboxMessage {
  gmailMessageId: string;
  gmailThreadId: string;
  headers: Record<string, string>;
  from: string;
  to: string;
  subject: string;
  body: string;
  date: Date;
}

// ---- CardService ---------------------------------------------------------------

const notInStandIn = (): never => {
  throw new Error('The Apps Script stand-in does not implement this call: add it if the add-on needs it');
};

/**
 * Apps Script's enums exist only at run time in Apps Script; the typings
 * declare them ambiently. The stand-in gives each member its name as value, so
 * a recorded widget says DROPDOWN rather than 2.
 */
function enumOf<E>(names: readonly string[]): E {
  return Object.fromEntries(names.map((n) => [n, n])) as E;
}

class ActionStandIn implements GoogleAppsScript.Card_Service.Action {
  readonly data: ActionData = { functionName: '', parameters: {} };
  setFunctionName(functionName: string) {
    this.data.functionName = functionName;
    return this;
  }
  setParameters(parameters: { [key: string]: string }) {
    for (const [k, v] of Object.entries(parameters)) if (typeof v !== 'string') throw new Error(`Action parameter ${k} must be a string`);
    this.data.parameters = { ...parameters };
    return this;
  }
  addRequiredWidget = notInStandIn;
  setAllWidgetsAreRequired = notInStandIn;
  setInteraction = notInStandIn;
  setLoadIndicator = notInStandIn;
  setPersistValues = notInStandIn;
  setMethodName = notInStandIn;
}

const actionData = (action: GoogleAppsScript.Card_Service.Action): ActionData => {
  if (!(action instanceof ActionStandIn)) throw new Error('An action must come from CardService.newAction()');
  return action.data;
};

class TextButtonStandIn implements GoogleAppsScript.Card_Service.TextButton {
  readonly data: ButtonData = { text: '', altText: null, filled: false, action: null };
  setText(text: string) {
    this.data.text = text;
    return this;
  }
  setAltText(altText: string) {
    this.data.altText = altText;
    return this;
  }
  setOnClickAction(action: GoogleAppsScript.Card_Service.Action) {
    this.data.action = actionData(action);
    return this;
  }
  setTextButtonStyle(style: GoogleAppsScript.Card_Service.TextButtonStyle) {
    this.data.filled = String(style) === 'FILLED';
    return this;
  }
  setAuthorizationAction = notInStandIn;
  setBackgroundColor = notInStandIn;
  setComposeAction = notInStandIn;
  setDisabled = notInStandIn;
  setOnClickOpenLinkAction = notInStandIn;
  setOpenLink = notInStandIn;
}

const buttonData = (button: GoogleAppsScript.Card_Service.Button): ButtonData => {
  if (!(button instanceof TextButtonStandIn)) throw new Error('A button must come from CardService.newTextButton()');
  return button.data;
};

class ButtonSetStandIn implements GoogleAppsScript.Card_Service.ButtonSet {
  readonly data: WidgetData & { kind: 'buttons' } = { kind: 'buttons', buttons: [] };
  addButton(button: GoogleAppsScript.Card_Service.Button) {
    this.data.buttons.push(buttonData(button));
    return this;
  }
}

class TextParagraphStandIn implements GoogleAppsScript.Card_Service.TextParagraph {
  readonly data: WidgetData & { kind: 'paragraph' } = { kind: 'paragraph', text: '' };
  setText(text: string) {
    this.data.text = text;
    return this;
  }
}

class DecoratedTextStandIn implements GoogleAppsScript.Card_Service.DecoratedText {
  readonly data: WidgetData & { kind: 'decorated' } = { kind: 'decorated', topLabel: null, text: '', bottomLabel: null, button: null };
  setTopLabel(text: string) {
    this.data.topLabel = text;
    return this;
  }
  setText(text: string) {
    this.data.text = text;
    return this;
  }
  setBottomLabel(text: string) {
    this.data.bottomLabel = text;
    return this;
  }
  setButton(button: GoogleAppsScript.Card_Service.Button) {
    this.data.button = buttonData(button);
    return this;
  }
  setWrapText() {
    return this;
  }
  setAuthorizationAction = notInStandIn;
  setComposeAction = notInStandIn;
  setEndIcon = notInStandIn;
  setIcon = notInStandIn;
  setIconAltText = notInStandIn;
  setIconUrl = notInStandIn;
  setOnClickAction = notInStandIn;
  setOnClickOpenLinkAction = notInStandIn;
  setOpenLink = notInStandIn;
  setStartIcon = notInStandIn;
  setSwitchControl = notInStandIn;
}

class TextInputStandIn implements GoogleAppsScript.Card_Service.TextInput {
  readonly data: WidgetData & { kind: 'text-input' } = { kind: 'text-input', fieldName: '', title: '', hint: null, multiline: false };
  setFieldName(fieldName: string) {
    this.data.fieldName = fieldName;
    return this;
  }
  setTitle(title: string) {
    this.data.title = title;
    return this;
  }
  setHint(hint: string) {
    this.data.hint = hint;
    return this;
  }
  setMultiline(multiline: boolean) {
    this.data.multiline = multiline;
    return this;
  }
  setOnChangeAction = notInStandIn;
  setSuggestions = notInStandIn;
  setSuggestionsAction = notInStandIn;
  setValidation = notInStandIn;
  setValue = notInStandIn;
}

class SelectionInputStandIn implements GoogleAppsScript.Card_Service.SelectionInput {
  readonly data: WidgetData & { kind: 'selection' } = { kind: 'selection', type: 'CHECK_BOX', fieldName: '', title: '', items: [] };
  setType(type: GoogleAppsScript.Card_Service.SelectionInputType) {
    this.data.type = String(type);
    return this;
  }
  setFieldName(fieldName: string) {
    this.data.fieldName = fieldName;
    return this;
  }
  setTitle(title: string) {
    this.data.title = title;
    return this;
  }
  addItem(text: unknown, value: unknown, selected: boolean) {
    this.data.items.push({ text: String(text), value: String(value), selected });
    return this;
  }
  addMultiSelectItem = notInStandIn;
  setExternalDataSource = notInStandIn;
  setMultiSelectMaxSelectedItems = notInStandIn;
  setMultiSelectMinQueryLength = notInStandIn;
  setOnChangeAction = notInStandIn;
}

class DatePickerStandIn implements GoogleAppsScript.Card_Service.DatePicker {
  readonly data: WidgetData & { kind: 'date' } = { kind: 'date', fieldName: '', title: '' };
  setFieldName(fieldName: string) {
    this.data.fieldName = fieldName;
    return this;
  }
  setTitle(title: string) {
    this.data.title = title;
    return this;
  }
  setOnChangeAction = notInStandIn;
  setValueInMsSinceEpoch = notInStandIn;
}

type WidgetStandIn = ButtonSetStandIn | TextParagraphStandIn | DecoratedTextStandIn | TextInputStandIn | SelectionInputStandIn | DatePickerStandIn;
const isWidget = (w: unknown): w is WidgetStandIn =>
  [ButtonSetStandIn, TextParagraphStandIn, DecoratedTextStandIn, TextInputStandIn, SelectionInputStandIn, DatePickerStandIn].some((c) => w instanceof c);

class CardSectionStandIn implements GoogleAppsScript.Card_Service.CardSection {
  readonly data: SectionData = { header: null, collapsible: false, widgets: [] };
  addWidget(widget: GoogleAppsScript.Card_Service.Widget) {
    if (!isWidget(widget)) throw new Error('A widget must come from the stand-in CardService');
    this.data.widgets.push(widget.data);
    return this;
  }
  setHeader(header: string) {
    this.data.header = header;
    return this;
  }
  setCollapsible(collapsible: boolean) {
    this.data.collapsible = collapsible;
    return this;
  }
  setNumUncollapsibleWidgets() {
    return this;
  }
}

class CardHeaderStandIn implements GoogleAppsScript.Card_Service.CardHeader {
  readonly data = { title: '', subtitle: null as string | null };
  setTitle(title: string) {
    this.data.title = title;
    return this;
  }
  setSubtitle(subtitle: string) {
    this.data.subtitle = subtitle;
    return this;
  }
  setImageAltText = notInStandIn;
  setImageStyle = notInStandIn;
  setImageUrl = notInStandIn;
}

export class CardStandIn implements GoogleAppsScript.Card_Service.Card {
  constructor(readonly data: CardData) {}
  printJson() {
    return JSON.stringify(this.data);
  }
}

class CardBuilderStandIn implements GoogleAppsScript.Card_Service.CardBuilder {
  private header: CardHeaderStandIn | null = null;
  private readonly sections: SectionData[] = [];
  setHeader(header: GoogleAppsScript.Card_Service.CardHeader) {
    if (!(header instanceof CardHeaderStandIn)) throw new Error('A header must come from CardService.newCardHeader()');
    this.header = header;
    return this;
  }
  addSection(section: GoogleAppsScript.Card_Service.CardSection) {
    if (!(section instanceof CardSectionStandIn)) throw new Error('A section must come from CardService.newCardSection()');
    this.sections.push(section.data);
    return this;
  }
  build() {
    // Apps Script refuses a card without a section.
    if (this.sections.length === 0) throw new Error('A card needs at least one section');
    return new CardStandIn({ title: this.header?.data.title ?? '', subtitle: this.header?.data.subtitle ?? null, sections: this.sections });
  }
  addCardAction = notInStandIn;
  setName = notInStandIn;
  setFixedFooter = notInStandIn;
  setDisplayStyle = notInStandIn;
  setPeekCardHeader = notInStandIn;
}

const cardData = (card: GoogleAppsScript.Card_Service.Card): CardData => {
  if (!(card instanceof CardStandIn)) throw new Error('A card must come from CardBuilder.build()');
  return card.data;
};

class NavigationStandIn implements GoogleAppsScript.Card_Service.Navigation {
  readonly steps: NavigationStep[] = [];
  pushCard(card: GoogleAppsScript.Card_Service.Card) {
    this.steps.push({ op: 'push', card: cardData(card) });
    return this;
  }
  updateCard(card: GoogleAppsScript.Card_Service.Card) {
    this.steps.push({ op: 'update', card: cardData(card) });
    return this;
  }
  popCard() {
    this.steps.push({ op: 'pop' });
    return this;
  }
  popToRoot() {
    this.steps.push({ op: 'popToRoot' });
    return this;
  }
  popToNamedCard = notInStandIn;
  printJson() {
    return JSON.stringify(this.steps);
  }
}

class NotificationStandIn implements GoogleAppsScript.Card_Service.Notification {
  text = '';
  setText(text: string) {
    this.text = text;
    return this;
  }
}

export class ActionResponseStandIn implements GoogleAppsScript.Card_Service.ActionResponse {
  constructor(readonly data: ResponseData) {}
  printJson() {
    return JSON.stringify(this.data);
  }
}

class ActionResponseBuilderStandIn implements GoogleAppsScript.Card_Service.ActionResponseBuilder {
  private navigation: NavigationStandIn | null = null;
  private notification: NotificationStandIn | null = null;
  setNavigation(navigation: GoogleAppsScript.Card_Service.Navigation) {
    if (!(navigation instanceof NavigationStandIn)) throw new Error('Navigation must come from CardService.newNavigation()');
    this.navigation = navigation;
    return this;
  }
  setNotification(notification: GoogleAppsScript.Card_Service.Notification) {
    if (!(notification instanceof NotificationStandIn)) throw new Error('A notification must come from CardService.newNotification()');
    this.notification = notification;
    return this;
  }
  build() {
    return new ActionResponseStandIn({ navigation: this.navigation?.steps ?? [], notification: this.notification?.text ?? null });
  }
  setOpenLink = notInStandIn;
  setStateChanged = notInStandIn;
}

export const cardServiceStandIn: AppsScriptServices['card'] = {
  SelectionInputType: enumOf<CS['SelectionInputType']>(['CHECK_BOX', 'RADIO_BUTTON', 'DROPDOWN', 'SWITCH', 'MULTI_SELECT']),
  TextButtonStyle: enumOf<CS['TextButtonStyle']>(['OUTLINED', 'TEXT', 'FILLED', 'FILLED_TONAL', 'BORDERLESS']),
  newAction: () => new ActionStandIn(),
  newActionResponseBuilder: () => new ActionResponseBuilderStandIn(),
  newButtonSet: () => new ButtonSetStandIn(),
  newCardBuilder: () => new CardBuilderStandIn(),
  newCardHeader: () => new CardHeaderStandIn(),
  newCardSection: () => new CardSectionStandIn(),
  newDatePicker: () => new DatePickerStandIn(),
  newDecoratedText: () => new DecoratedTextStandIn(),
  newNavigation: () => new NavigationStandIn(),
  newNotification: () => new NotificationStandIn(),
  newSelectionInput: () => new SelectionInputStandIn(),
  newTextButton: () => new TextButtonStandIn(),
  newTextInput: () => new TextInputStandIn(),
  newTextParagraph: () => new TextParagraphStandIn(),
} satisfies Pick<Card_Service, keyof AppsScriptServices['card']>;

// ---- GmailApp ------------------------------------------------------------------

class GmailMessageStandIn implements GoogleAppsScript.Gmail.GmailMessage {
  constructor(private readonly m: MailboxMessage) {}
  getHeader(name: string) {
    const key = Object.keys(this.m.headers).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? this.m.headers[key]! : '';
  }
  getFrom() {
    return this.m.from;
  }
  getTo() {
    return this.m.to;
  }
  getSubject() {
    return this.m.subject;
  }
  getPlainBody() {
    return this.m.body;
  }
  getDate() {
    return new Date(this.m.date);
  }
  getId() {
    return this.m.gmailMessageId;
  }
  createDraftReply = notInStandIn;
  createDraftReplyAll = notInStandIn;
  forward = notInStandIn;
  getAttachments = notInStandIn;
  getBcc = notInStandIn;
  getBody = notInStandIn;
  getCc = notInStandIn;
  getRawContent = notInStandIn;
  getReplyTo = notInStandIn;
  getThread = notInStandIn;
  isDraft = notInStandIn;
  isInChats = notInStandIn;
  isInInbox = notInStandIn;
  isInPriorityInbox = notInStandIn;
  isInTrash = notInStandIn;
  isStarred = notInStandIn;
  isUnread = notInStandIn;
  markRead = notInStandIn;
  markUnread = notInStandIn;
  moveToTrash = notInStandIn;
  refresh = notInStandIn;
  reply = notInStandIn;
  replyAll = notInStandIn;
  star = notInStandIn;
  unstar = notInStandIn;
}

// ---- PropertiesService, CacheService, UrlFetchApp ---------------------------------

class PropertiesStandIn implements GoogleAppsScript.Properties.Properties {
  readonly values = new Map<string, string>();
  getProperty(key: string) {
    return this.values.get(key) ?? null;
  }
  setProperty(key: string, value: string) {
    this.values.set(key, String(value));
    return this;
  }
  deleteProperty(key: string) {
    this.values.delete(key);
    return this;
  }
  getKeys() {
    return [...this.values.keys()];
  }
  getProperties() {
    return Object.fromEntries(this.values);
  }
  deleteAllProperties = notInStandIn;
  setProperties = notInStandIn;
}

class CacheStandIn implements GoogleAppsScript.Cache.Cache {
  private readonly entries = new Map<string, { value: string; until: number }>();
  get(key: string) {
    const entry = this.entries.get(key);
    return entry && entry.until > Date.now() ? entry.value : null;
  }
  put(key: string, value: string, expirationInSeconds = 600) {
    // Apps Script keeps a cached value at most six hours.
    this.entries.set(key, { value, until: Date.now() + Math.min(expirationInSeconds, 21_600) * 1000 });
  }
  remove(key: string) {
    this.entries.delete(key);
  }
  getAll = notInStandIn;
  putAll = notInStandIn;
  removeAll = notInStandIn;
}

class HttpResponseStandIn implements GoogleAppsScript.URL_Fetch.HTTPResponse {
  constructor(
    private readonly status: number,
    private readonly body: string,
  ) {}
  getResponseCode() {
    return this.status;
  }
  getContentText() {
    return this.body;
  }
  getAllHeaders = notInStandIn;
  getAs = notInStandIn;
  getBlob = notInStandIn;
  getContent = notInStandIn;
  getHeaders = notInStandIn;
}

// ---- The whole stand-in ------------------------------------------------------------

export interface StandInOptions {
  fetchSync: FetchSync;
  /** URL prefixes UrlFetchApp may reach: the manifest's urlFetchWhitelist. */
  urlFetchWhitelist: readonly string[];
}

export interface AppsScriptStandIn {
  services: AppsScriptServices;
  /** The Gmail user the next call runs as. */
  setUser(email: string): void;
  addMessage(user: string, message: MailboxMessage): void;
  /** The access token a contextual event of this message carries. */
  accessTokenFor(user: string, gmailMessageId: string): string;
  identityTokenFor(user: string): string;
  /** Requests UrlFetchApp made since the last call. */
  takeRequests(): FetchRecord[];
  userProperties(user: string): PropertiesStandIn;
}

export function createAppsScriptStandIn(options: StandInOptions): AppsScriptStandIn {
  let user = '';
  let currentToken: string | null = null;
  let requests: FetchRecord[] = [];
  const mailboxes = new Map<string, Map<string, MailboxMessage>>();
  const properties = new Map<string, PropertiesStandIn>();
  const caches = new Map<string, CacheStandIn>();
  const perUser = <T>(map: Map<string, T>, make: () => T) => {
    if (!map.has(user)) map.set(user, make());
    return map.get(user)!;
  };
  const accessTokenFor = (owner: string, id: string) => `access-token:${owner}:${id}`;

  const gmail: AppsScriptServices['gmail'] = {
    setCurrentMessageAccessToken(token: string) {
      currentToken = token;
    },
    getMessageById(id: string) {
      // In Apps Script, reading the open message needs the event's access token first.
      if (currentToken !== accessTokenFor(user, id)) throw new Error('Access denied: call GmailApp.setCurrentMessageAccessToken with the event’s token first');
      const message = mailboxes.get(user)?.get(id);
      if (!message) throw new Error(`No message ${id} in ${user}'s mailbox`);
      return new GmailMessageStandIn(message);
    },
  };

  const urlFetch: AppsScriptServices['urlFetch'] = {
    fetch(url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}) {
      if (!options.urlFetchWhitelist.some((prefix) => url.startsWith(prefix))) throw new Error(`${url} is not in the manifest's urlFetchWhitelist`);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(params.headers ?? {})) headers[k.toLowerCase()] = String(v);
      if (params.contentType) headers['content-type'] = params.contentType;
      const record: FetchRecord = {
        url,
        method: (params.method ?? 'get').toUpperCase(),
        headers,
        body: typeof params.payload === 'string' ? params.payload : null,
      };
      requests.push(record);
      // Like Apps Script: a network failure throws; an HTTP error throws unless muteHttpExceptions.
      const answer = options.fetchSync(record);
      if (answer.status >= 400 && !params.muteHttpExceptions) throw new Error(`Request failed for ${url} returned code ${answer.status}`);
      return new HttpResponseStandIn(answer.status, answer.body);
    },
  };

  const services: AppsScriptServices = {
    card: cardServiceStandIn,
    gmail,
    urlFetch,
    script: { getIdentityToken: () => `id-token-for:${user}` },
    properties: { getUserProperties: () => perUser(properties, () => new PropertiesStandIn()) },
    cache: { getUserCache: () => perUser(caches, () => new CacheStandIn()) },
    now: () => Date.now(),
  };

  return {
    services,
    setUser(email) {
      user = email;
      currentToken = null;
    },
    addMessage(owner, message) {
      if (!mailboxes.has(owner)) mailboxes.set(owner, new Map());
      mailboxes.get(owner)!.set(message.gmailMessageId, message);
    },
    accessTokenFor,
    identityTokenFor: (owner) => `id-token-for:${owner}`,
    takeRequests() {
      const taken = requests;
      requests = [];
      return taken;
    },
    userProperties: (owner) => {
      if (!properties.has(owner)) properties.set(owner, new PropertiesStandIn());
      return properties.get(owner)!;
    },
  };
}

/** The global functions of a built Code.js, run in a fresh V8 context whose globals are the stand-in's services. */
export function runBundle(code: string, services: AppsScriptServices): Record<string, (event: unknown) => unknown> {
  const context = vm.createContext({
    CardService: services.card,
    GmailApp: services.gmail,
    UrlFetchApp: services.urlFetch,
    ScriptApp: services.script,
    PropertiesService: services.properties,
    CacheService: services.cache,
    console,
  });
  vm.runInContext(code, context, { filename: 'Code.js' });
  const globals = context as Record<string, unknown>;
  const functions: Record<string, (event: unknown) => unknown> = {};
  for (const name of Object.keys(globals)) {
    const value = globals[name];
    if (typeof value === 'function') functions[name] = value as (event: unknown) => unknown;
  }
  return functions;
}
