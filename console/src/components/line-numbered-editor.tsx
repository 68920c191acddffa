// A plain textarea with a line-number gutter that marks the lines with
// problems; `goTo` moves the caret to a line. No editor library: YAML needs
// nothing more, and the console's bundle stays small.
import type { Ref } from 'preact';
import { useImperativeHandle, useRef } from 'preact/hooks';

export interface EditorHandle {
  goTo(line: number, column?: number): void;
}

interface Props {
  id: string;
  label: string;
  value: string;
  /** Problem messages per 1-based line. */
  problems: ReadonlyMap<number, string[]>;
  onInput(value: string): void;
  handle: Ref<EditorHandle>;
}

const LINE_HEIGHT_PX = 20;

export function LineNumberedEditor({ id, label, value, problems, onInput, handle }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lineCount = value.split('\n').length;

  useImperativeHandle(handle, () => ({
    goTo(line: number, column = 1) {
      const el = area.current;
      if (!el) return;
      const lines = el.value.split('\n');
      const offset = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
      el.focus();
      el.setSelectionRange(offset, offset);
      el.scrollTop = Math.max(0, (line - 5) * LINE_HEIGHT_PX);
    },
  }));

  return (
    <div class="editor">
      <div class="gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lineCount }, (_, i) => {
          const messages = problems.get(i + 1);
          return (
            <div key={i} class={messages ? 'gutter-line has-problem' : 'gutter-line'} title={messages?.join('\n')} data-line={i + 1}>
              {i + 1}
            </div>
          );
        })}
      </div>
      <textarea
        id={id}
        ref={area}
        aria-label={label}
        spellcheck={false}
        autocomplete="off"
        wrap="off"
        value={value}
        onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = (e.currentTarget as HTMLTextAreaElement).scrollTop;
        }}
      />
    </div>
  );
}
