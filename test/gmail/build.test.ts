// The build: one Code.js whose top-level functions are every function
// appsscript.json and the cards call, a manifest pointed at BACKEND_URL, and
// the one codec of the buttons' parameters.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, type CardAction } from '../../addin-gmail/src/action-params.ts';
import { buildGmailAddon, checkFunctions, functionsCalledByName, ROOT_MANIFEST, topLevelFunctions } from '../../addin-gmail/build.ts';

const rootManifest = () => JSON.parse(readFileSync(ROOT_MANIFEST, 'utf8'));

describe('npm run build:gmail', () => {
  it('declares every function appsscript.json and the cards call as a top-level function of Code.js', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'gmail-build-'));
    try {
      const result = await buildGmailAddon({ backendUrl: 'https://routing.example.com/some/path', signIn: 'google', outDir });
      const code = readFileSync(result.codePath, 'utf8');
      const manifest = JSON.parse(readFileSync(result.manifestPath, 'utf8'));
      expect(functionsCalledByName(manifest).sort()).toEqual(['onCardAction', 'onGmailCompose', 'onGmailMessageOpen', 'onHomepage']);
      for (const name of functionsCalledByName(manifest)) expect(topLevelFunctions(code)).toContain(name);
      expect(manifest.urlFetchWhitelist).toEqual(['https://routing.example.com/']);
      expect(manifest.addOns.common.logoUrl).toBe('https://routing.example.com/addin/outlook/assets/icon-128.png');
      expect(manifest.oauthScopes).toContain('openid');
      expect(manifest.runtimeVersion).toBe('V8');
      expect(result.pushBlockers).toEqual([]);
      expect(code).toContain('"https://routing.example.com"');
      // The add-on bundle stays free of zod: api.ts's schemas are for the backend.
      expect(code).not.toMatch(/ZodError|_zod/);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('refuses a bundle that lacks a function the manifest names, and flags an http backend as not pushable', async () => {
    expect(() => checkFunctions(rootManifest(), 'function onHomepage(e) {}\nfunction onCardAction(e) {}\n')).toThrow(/onGmailMessageOpen, onGmailCompose/);
    const outDir = mkdtempSync(join(tmpdir(), 'gmail-build-'));
    try {
      const result = await buildGmailAddon({ backendUrl: 'http://127.0.0.1:8787', signIn: 'demo', outDir });
      expect(result.pushBlockers).toHaveLength(1);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

describe('the card action codec', () => {
  it('decodes what it encodes, and nothing malformed', () => {
    const actions: CardAction[] = [
      { kind: 'run', action: 'claim', threadId: 't1' },
      { kind: 'form', action: 'handoff', threadId: 't1' },
      { kind: 'submit', action: 'follow-up', threadId: 't1' },
      { kind: 'remove-tag', tag: 'pricing', threadId: 't1' },
      { kind: 'pick-member', email: 'ava@acme.test' },
      { kind: 'switch-member' },
      { kind: 'reload' },
      { kind: 'back' },
    ];
    for (const action of actions) {
      const parameters = encodeAction(action);
      expect(Object.values(parameters).every((v) => typeof v === 'string')).toBe(true);
      expect(decodeAction(parameters)).toEqual(action);
    }
    expect(decodeAction(undefined)).toBeNull();
    expect(decodeAction({ action: '{not json' })).toBeNull();
    expect(decodeAction({ action: JSON.stringify({ kind: 'run', action: 'delete-everything', threadId: 't1' }) })).toBeNull();
    expect(decodeAction({ action: JSON.stringify({ kind: 'run', action: 'claim' }) })).toBeNull();
  });
});
