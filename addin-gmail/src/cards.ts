// The cards, laid out with CardService from the shared view model: this file
// decides where things go, never what they say (strings and the model do).
import type { MemberSummary, MeView, ThreadAction } from '#shared/api';
import { CATEGORIES } from '#shared/categories';
import { OUTCOMES } from '#shared/outcomes';
import { phrase, type Strings } from '#shared/sidebar/strings';
import type { ThreadViewModel } from '#shared/sidebar/thread-view-model';
import { ACTION_FUNCTION, encodeAction, type CardAction } from './action-params.ts';
import type { Card, CardServiceUsed } from './services.ts';

type Section = GoogleAppsScript.Card_Service.CardSection;

/** Actions that go straight to the backend; the others open a form. */
export const ONE_CLICK: ReadonlySet<ThreadAction> = new Set(['claim']);
/** The most recent history lines a card shows. */
export const HISTORY_LINES = 5;

/**
 * Text widgets (paragraphs, decorated text) read a small HTML subset: what
 * users and the backend wrote must show as typed there. Headers and input
 * titles are plain text and are passed as they are.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface Footer {
  me: MeView;
  /** Demo mode: offer to act as someone else. */
  canSwitch: boolean;
}

export function cardRenderer(cs: CardServiceUsed, s: Strings) {
  const action = (what: CardAction) => cs.newAction().setFunctionName(ACTION_FUNCTION).setParameters(encodeAction(what));
  const button = (text: string, what: CardAction, filled = false) => {
    const b = cs.newTextButton().setText(text).setOnClickAction(action(what));
    return filled ? b.setTextButtonStyle(cs.TextButtonStyle.FILLED) : b;
  };
  const fact = (label: string, text: string, bottom?: string) => {
    const widget = cs.newDecoratedText().setTopLabel(escapeText(label)).setText(escapeText(text)).setWrapText(true);
    return bottom ? widget.setBottomLabel(escapeText(bottom)) : widget;
  };
  const paragraph = (text: string) => cs.newTextParagraph().setText(escapeText(text));
  const header = (title: string, subtitle?: string) => {
    const h = cs.newCardHeader().setTitle(title);
    return subtitle ? h.setSubtitle(subtitle) : h;
  };
  const footerSection = (footer: Footer | null): Section | null => {
    if (!footer) return null;
    const section = cs.newCardSection().addWidget(paragraph(`${footer.me.me.name} · ${footer.me.org.name}`));
    if (footer.canSwitch) section.addWidget(cs.newButtonSet().addButton(button(s.signOut, { kind: 'switch-member' })));
    return section;
  };
  const build = (title: string, subtitle: string | undefined, sections: Array<Section | null>): Card => {
    const card = cs.newCardBuilder().setHeader(header(title, subtitle));
    for (const section of sections) if (section) card.addSection(section);
    return card.build();
  };

  return {
    /** One thread: owner, state, clock, category, tags, note, why, history, actions. */
    thread(model: ThreadViewModel, footer: Footer | null): Card {
      const status = cs.newCardSection().addWidget(fact(s.ownerLabel, model.badge.text, model.ownerText));
      if (model.suppressed) status.addWidget(paragraph(model.suppressed));
      status.addWidget(fact(s.slaLabel, model.sla.text));
      if (model.category) status.addWidget(fact(s.categoryLabel, model.category.label, model.category.detail || undefined));
      status.addWidget(fact(s.priorityLabel, model.priority));
      status.addWidget(fact(s.followUpLabel, model.followUp ?? s.noFollowUp));

      let actions: Section | null = null;
      if (model.actions.length > 0) {
        const set = cs.newButtonSet();
        for (const { action: name, label } of model.actions) {
          set.addButton(button(label, { kind: ONE_CLICK.has(name) ? 'run' : 'form', action: name, threadId: model.id }, ONE_CLICK.has(name)));
        }
        actions = cs.newCardSection().addWidget(set);
      }

      const canTag = model.actions.some((a) => a.action === 'tags');
      const tags = cs.newCardSection().setHeader(s.tagsLabel);
      if (model.tags.length === 0) tags.addWidget(paragraph(s.noTags));
      for (const tag of model.tags) {
        const chip = cs.newDecoratedText().setText(escapeText(tag));
        tags.addWidget(canTag ? chip.setButton(button('✕', { kind: 'remove-tag', tag, threadId: model.id }).setAltText(phrase(s.removeTag, { tag }))) : chip);
      }

      let cues: Section | null = null;
      if (model.category && model.category.cues.length > 0) {
        cues = cs.newCardSection().setHeader(s.cuesLabel).setCollapsible(true);
        for (const cue of model.category.cues) cues.addWidget(paragraph(cue));
      }

      let note: Section | null = null;
      if (model.handoffNote) {
        note = cs.newCardSection().setHeader(s.handoffNoteLabel);
        for (const line of model.handoffNote) note.addWidget(fact(line.label, line.value));
      }

      const why = model.explanation ? cs.newCardSection().setHeader(model.explanation.title).addWidget(paragraph(model.explanation.text)) : null;

      let history: Section | null = null;
      if (model.history.length > 0) {
        history = cs.newCardSection().setHeader(s.historyLabel).setCollapsible(true).setNumUncollapsibleWidgets(2);
        for (const line of model.history.slice(0, HISTORY_LINES)) history.addWidget(fact(line.when, line.text, line.reason ?? undefined));
      }

      return build(model.subject || '—', model.prospect, [status, actions, note, tags, cues, why, history, footerSection(footer)]);
    },

    /** The form of one action; its submit button sends the fields. */
    form(name: ThreadAction, model: ThreadViewModel, teamTags: readonly string[]): Card {
      const section = cs.newCardSection();
      const text = (field: string, title: string, options: { multiline?: boolean; hint?: string } = {}) => {
        const input = cs
          .newTextInput()
          .setFieldName(field)
          .setTitle(title)
          .setMultiline(options.multiline ?? false);
        section.addWidget(options.hint ? input.setHint(options.hint) : input);
      };
      const choice = (field: string, title: string, items: Array<{ value: string; label: string }>) => {
        const input = cs.newSelectionInput().setType(cs.SelectionInputType.DROPDOWN).setFieldName(field).setTitle(title);
        for (const item of items) input.addItem(item.label, item.value, false);
        section.addWidget(input);
      };
      const members = (list: readonly MemberSummary[]) =>
        choice(
          'to',
          s.form.to,
          list.map((m) => ({ value: m.email, label: `${m.name} (${m.email})` })),
        );
      const date = (field: string, title: string) => section.addWidget(cs.newDatePicker().setFieldName(field).setTitle(title));
      const reason = () => text('reason', s.form.reason, { multiline: true, hint: s.form.reasonHint });

      switch (name) {
        case 'release':
        case 'needs-help':
          reason();
          break;
        case 'reassign':
          members(model.handoffTargets);
          reason();
          break;
        case 'handoff': {
          members(model.handoffTargets);
          reason();
          text('context', s.form.context, { multiline: true });
          text('whatHappened', s.form.whatHappened);
          const tags = cs.newSelectionInput().setType(cs.SelectionInputType.CHECK_BOX).setFieldName('noteTags').setTitle(s.form.noteTags);
          for (const tag of teamTags) tags.addItem(tag, tag, false);
          section.addWidget(tags);
          section.addWidget(paragraph(s.form.keyFactsHint));
          text('persona', s.form.persona);
          text('pain', s.form.pain);
          text('tools', s.form.tools);
          text('timing', s.form.timing);
          text('nextStep', s.form.nextStep);
          date('promisedAt', s.form.promisedAt);
          break;
        }
        case 'tags':
          choice(
            'tag',
            s.addTag,
            model.addableTags.map((tag) => ({ value: tag, label: tag })),
          );
          break;
        case 'follow-up':
          date('at', s.form.followUpAt);
          section.addWidget(paragraph(s.form.clearFollowUp));
          break;
        case 'resolve':
          choice(
            'outcome',
            s.form.outcome,
            OUTCOMES.map((o) => ({ value: o, label: s.outcome[o] })),
          );
          text('reason', s.form.reason, { multiline: true });
          break;
        case 'category':
          choice(
            'category',
            s.form.category,
            CATEGORIES.map((c) => ({ value: c, label: s.category[c] })),
          );
          text('reason', s.form.reason, { multiline: true });
          break;
        case 'claim':
          break;
      }
      section.addWidget(
        cs
          .newButtonSet()
          .addButton(button(s.action[name], { kind: 'submit', action: name, threadId: model.id }, true))
          .addButton(button(s.cancel, { kind: 'back' })),
      );
      return build(s.action[name], model.subject || undefined, [section]);
    },

    /** A sentence instead of a thread: nothing open, an error, signing in. */
    message(text: string, options: { retry?: boolean; footer?: Footer | null } = {}): Card {
      const section = cs.newCardSection().addWidget(paragraph(text));
      if (options.retry) section.addWidget(cs.newButtonSet().addButton(button(s.retry, { kind: 'reload' })));
      return build(s.appName, undefined, [section, footerSection(options.footer ?? null)]);
    },

    /** Demo mode: who to act as. */
    memberPicker(members: readonly MemberSummary[], notice?: string): Card {
      const section = cs.newCardSection().setHeader(s.signInAs);
      if (notice) section.addWidget(paragraph(notice));
      for (const m of members) section.addWidget(cs.newButtonSet().addButton(button(`${m.name} (${m.email})`, { kind: 'pick-member', email: m.email })));
      return build(s.appName, undefined, [section]);
    },
  };
}

export type CardRenderer = ReturnType<typeof cardRenderer>;
