// manifest.xml for Outlook (add-in-only XML manifest, MailApp), built for one base URL.
//
// Element order follows Microsoft's schemas (an element out of order is
// rejected at sideload and by the admin center): OfficeApp's sequence is in
// OfficeAppManifestV1_1.xsd (MailApp), VersionOverrides' in
// MailAppVersionOverridesV1_0/V1_1.xsd; the reference pages under
// learn.microsoft.com/javascript/api/manifest/ add the newer V1_1 children
// (Runtimes, LaunchEvent, SupportsPinning, WebApplicationInfo).
export interface ManifestOptions {
  /** Where the backend serves the add-in, e.g. https://routing.example.com (no trailing slash). */
  baseUrl: string;
  /** The add-in's stable id (a GUID). */
  appId: string;
  /**
   * The Entra app registration for sign-in (WebApplicationInfo), when configured.
   * `scope` is the delegated scope the backend checks, default `access_as_user`.
   */
  sso?: { clientId: string; resource: string; scope?: string };
  version: string;
}

/** The event handler the manifest names for OnMessageSend; the built launchevent.js must define it. */
export const SEND_HANDLER = 'onMessageSendHandler';

/** Where the backend serves the built add-in, under the base URL. */
export const ADDIN_PATH = '/addin/outlook';

/** Smart Alerts (OnMessageSend with SendMode) came in Mailbox 1.12. */
export const SMART_ALERTS_MAILBOX_VERSION = '1.12';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** The schema's Version type: one to four dot-separated numbers. */
const VERSION = /^[0-9]{1,5}(\.[0-9]{1,5}){0,3}$/;

/** A text in English (the default locale) and French. */
interface Text {
  en: string;
  fr: string;
}

const DISPLAY_NAME: Text = { en: 'Reply Routing', fr: 'Routage des réponses' };
const DESCRIPTION: Text = {
  en: 'See who owns each prospect reply and why, claim it or hand it off with a note, and get a warning before you reply on a conversation someone else owns.',
  fr: 'Voyez qui est responsable de chaque réponse de prospect et pourquoi, prenez-la en charge ou passez-la avec une note, et soyez averti avant de répondre dans une conversation confiée à quelqu’un d’autre.',
};

/** bt:ShortStrings (at most 125 characters), by resource id (at most 32 characters). */
const SHORT_STRINGS: Record<string, Text> = {
  'Group.Label': { en: 'Reply Routing', fr: 'Routage des réponses' },
  'ReadButton.Label': { en: 'Owner', fr: 'Responsable' },
  'ComposeButton.Label': { en: 'Owner', fr: 'Responsable' },
};

/** bt:LongStrings (at most 250 characters). */
const LONG_STRINGS: Record<string, Text> = {
  'ReadButton.Tooltip': {
    en: 'Open the sidebar: who owns this conversation and why, its SLA clock, and the actions you can take (claim, hand off, resolve).',
    fr: 'Ouvrir le volet : qui est responsable de cette conversation et pourquoi, son délai de réponse, et les actions possibles (prendre, passer, résoudre).',
  },
  'ComposeButton.Tooltip': {
    en: 'See who owns this conversation while you write your reply.',
    fr: 'Voir qui est responsable de cette conversation pendant que vous rédigez votre réponse.',
  },
};

/** Escapes a value for XML text or a double- or single-quoted attribute. */
export function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The add-in's URLs, all under `{baseUrl}/addin/outlook/`. */
export function addinUrls(baseUrl: string) {
  const root = `${baseUrl.replace(/\/+$/, '')}${ADDIN_PATH}`;
  return {
    taskpane: `${root}/index.html`,
    /** The event runtime's page (Outlook on the web, new Outlook, Mac) and the function file. */
    commands: `${root}/commands.html`,
    /** The event handlers alone, for classic Outlook on Windows' JavaScript-only runtime. */
    launchEvent: `${root}/launchevent.js`,
    /** A plain page about the add-in (supportPage()). */
    support: `${root}/support.html`,
    icon: (size: number) => `${root}/assets/icon-${size}.png`,
  };
}

function checkOptions(options: ManifestOptions): void {
  const base = new URL(options.baseUrl);
  if (base.search || base.hash) throw new Error(`outlookManifest: baseUrl ${options.baseUrl} must not have a query or fragment`);
  if (!GUID.test(options.appId)) throw new Error(`outlookManifest: appId must be a GUID, got ${options.appId}`);
  if (!VERSION.test(options.version)) throw new Error(`outlookManifest: version must be like 1.0.0.0, got ${options.version}`);
  if (options.sso) {
    if (!GUID.test(options.sso.clientId))
      throw new Error(`outlookManifest: sso.clientId must be the app registration's client id (a GUID), got ${options.sso.clientId}`);
    if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s,]+$/i.test(options.sso.resource)) {
      throw new Error(`outlookManifest: sso.resource must be one application id URI such as api://host/<client id>, got ${options.sso.resource}`);
    }
  }
}

/**
 * The add-in-only manifest for Outlook, every URL under `options.baseUrl`.
 * Pure. Throws an Error naming the option when an id, version or URL cannot go in a valid manifest.
 */
export function outlookManifest(options: ManifestOptions): string {
  checkOptions(options);
  const url = addinUrls(options.baseUrl);
  const a = xmlEscape;
  const localized = (element: string, text: Text) =>
    `<${element} DefaultValue="${a(text.en)}">\n    <Override Locale="fr-FR" Value="${a(text.fr)}" />\n  </${element}>`;
  const resourceStrings = (strings: Record<string, Text>) =>
    Object.entries(strings)
      .map(
        ([id, text]) =>
          `            <bt:String id="${a(id)}" DefaultValue="${a(text.en)}">\n              <bt:Override Locale="fr-FR" Value="${a(text.fr)}" />\n            </bt:String>`,
      )
      .join('\n');
  const button = (id: string, prefix: string, pinnable: boolean) => `                  <Control xsi:type="Button" id="${id}">
                    <Label resid="${prefix}.Label" />
                    <Supertip>
                      <Title resid="${prefix}.Label" />
                      <Description resid="${prefix}.Tooltip" />
                    </Supertip>
                    <Icon>
                      <bt:Image size="16" resid="Icon.16x16" />
                      <bt:Image size="32" resid="Icon.32x32" />
                      <bt:Image size="80" resid="Icon.80x80" />
                    </Icon>
                    <Action xsi:type="ShowTaskpane">
                      <SourceLocation resid="Taskpane.Url" />${pinnable ? '\n                      <SupportsPinning>true</SupportsPinning>' : ''}
                    </Action>
                  </Control>`;
  const commandSurface = (type: string, groupId: string, control: string) => `            <ExtensionPoint xsi:type="${type}">
              <OfficeTab id="TabDefault">
                <Group id="${groupId}">
                  <Label resid="Group.Label" />
${control}
                </Group>
              </OfficeTab>
            </ExtensionPoint>`;
  const sso = options.sso;
  const webApplicationInfo = sso
    ? `
      <!-- Sign-in: the add-in's Entra app registration. The schema puts it after Resources; it stays the last child. -->
      <WebApplicationInfo>
        <Id>${a(sso.clientId)}</Id>
        <Resource>${a(sso.resource)}</Resource>
        <Scopes>
          <Scope>openid</Scope>
          <Scope>profile</Scope>
          <Scope>${a(`${sso.resource.replace(/\/+$/, '')}/${sso.scope ?? 'access_as_user'}`)}</Scope>
        </Scopes>
      </WebApplicationInfo>`
    : '';

  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Reply Routing for Outlook, built by \`npm run build:outlook\` for one host (ADDIN_BASE_URL): rebuild rather than edit. -->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
           xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
           xmlns:mailappor="http://schemas.microsoft.com/office/mailappversionoverrides/1.0"
           xsi:type="MailApp">
  <Id>${a(options.appId)}</Id>
  <Version>${a(options.version)}</Version>
  <ProviderName>Reply Routing</ProviderName>
  <DefaultLocale>en-US</DefaultLocale>
  ${localized('DisplayName', DISPLAY_NAME)}
  ${localized('Description', DESCRIPTION)}
  <IconUrl DefaultValue="${a(url.icon(64))}" />
  <HighResolutionIconUrl DefaultValue="${a(url.icon(128))}" />
  <SupportUrl DefaultValue="${a(url.support)}" />
  <!-- The sign-in dialog's fallback (no nested app authentication) goes through Microsoft's sign-in pages. -->
  <AppDomains>
    <AppDomain>https://login.microsoftonline.com</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Mailbox" />
  </Hosts>
  <Requirements>
    <Sets>
      <Set Name="Mailbox" MinVersion="1.1" />
    </Sets>
  </Requirements>
  <!-- For clients that predate add-in commands (VersionOverrides): the pane on a message being read. -->
  <FormSettings>
    <Form xsi:type="ItemRead">
      <DesktopSettings>
        <SourceLocation DefaultValue="${a(url.taskpane)}" />
        <RequestedHeight>250</RequestedHeight>
      </DesktopSettings>
    </Form>
  </FormSettings>
  <!-- ReadItem is enough: the pane and the send guard only read the item (subject, body, from, to,
       internetMessageId, conversationId) and mailbox.userProfile; they write nothing to it. -->
  <Permissions>ReadItem</Permissions>
  <Rule xsi:type="RuleCollection" Mode="Or">
    <Rule xsi:type="ItemIs" ItemType="Message" FormType="Read" />
  </Rule>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides" xsi:type="VersionOverridesV1_0">
    <VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides/1.1" xsi:type="VersionOverridesV1_1">
      <!-- Smart Alerts (OnMessageSend, SendMode) needs Mailbox ${SMART_ALERTS_MAILBOX_VERSION}. -->
      <Requirements>
        <bt:Sets DefaultMinVersion="${SMART_ALERTS_MAILBOX_VERSION}">
          <bt:Set Name="Mailbox" />
        </bt:Sets>
      </Requirements>
      <Hosts>
        <Host xsi:type="MailHost">
          <!-- The send guard's runtime: the page for Outlook on the web, new Outlook and Mac;
               the script alone for classic Outlook on Windows. -->
          <Runtimes>
            <Runtime resid="WebViewRuntime.Url">
              <Override type="javascript" resid="JSRuntime.Url" />
            </Runtime>
          </Runtimes>
          <DesktopFormFactor>
            <FunctionFile resid="Commands.Url" />
${commandSurface('MessageReadCommandSurface', 'msgReadGroup', button('msgReadOpenPaneButton', 'ReadButton', true))}
${commandSurface('MessageComposeCommandSurface', 'msgComposeGroup', button('msgComposeOpenPaneButton', 'ComposeButton', false))}
            <ExtensionPoint xsi:type="LaunchEvent">
              <LaunchEvents>
                <LaunchEvent Type="OnMessageSend" FunctionName="${SEND_HANDLER}" SendMode="PromptUser" />
              </LaunchEvents>
              <SourceLocation resid="WebViewRuntime.Url" />
            </ExtensionPoint>
          </DesktopFormFactor>
        </Host>
      </Hosts>
      <Resources>
        <bt:Images>
          <bt:Image id="Icon.16x16" DefaultValue="${a(url.icon(16))}" />
          <bt:Image id="Icon.32x32" DefaultValue="${a(url.icon(32))}" />
          <bt:Image id="Icon.80x80" DefaultValue="${a(url.icon(80))}" />
        </bt:Images>
        <bt:Urls>
          <bt:Url id="Taskpane.Url" DefaultValue="${a(url.taskpane)}" />
          <bt:Url id="Commands.Url" DefaultValue="${a(url.commands)}" />
          <bt:Url id="WebViewRuntime.Url" DefaultValue="${a(url.commands)}" />
          <bt:Url id="JSRuntime.Url" DefaultValue="${a(url.launchEvent)}" />
        </bt:Urls>
        <bt:ShortStrings>
${resourceStrings(SHORT_STRINGS)}
        </bt:ShortStrings>
        <bt:LongStrings>
${resourceStrings(LONG_STRINGS)}
        </bt:LongStrings>
      </Resources>${webApplicationInfo}
    </VersionOverrides>
  </VersionOverrides>
</OfficeApp>
`;
}
