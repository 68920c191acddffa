// The console's entry: render with the browser's storage and language.
import { render } from 'preact';
import { App } from './app.tsx';

const root = document.getElementById('app');
if (root) render(<App baseUrl={location.origin} storage={localStorage} language={navigator.language} />, root);
