// Demo mode's sign-in: pick which demo member you are.
import type { MemberSummary } from '#shared/api';
import type { Strings } from '#shared/sidebar/strings';
import { useState } from 'preact/hooks';

export function MemberPicker({ members, s, onPick }: { members: MemberSummary[]; s: Strings; onPick: (email: string) => void }) {
  const [email, setEmail] = useState(members[0]?.email ?? '');
  return (
    <form
      class="action-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (email) onPick(email);
      }}
    >
      <h1>{s.appName}</h1>
      <div class="field">
        <label for="demo-member">{s.signInAs}</label>
        <select id="demo-member" value={email} onChange={(e) => setEmail((e.currentTarget as HTMLSelectElement).value)}>
          {members.map((m) => (
            <option key={m.email} value={m.email}>
              {m.name} ({m.role})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button button-primary">
        {s.signIn}
      </button>
    </form>
  );
}
