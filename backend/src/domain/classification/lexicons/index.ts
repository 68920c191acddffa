// The languages the classifier knows. Add a language: write its lexicon and list it here.
import type { Lexicon } from '../lexicon.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';

export const LEXICONS: readonly Lexicon[] = [en, fr];
