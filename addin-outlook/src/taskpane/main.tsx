// The task pane's entry: wait for Office, then render with the Outlook adapter.
import { render } from 'preact';
import { officeHost } from '../host/office-host.ts';
import { App } from './app.tsx';

Office.onReady(() => {
  const root = document.getElementById('app');
  if (root) render(<App host={officeHost()} baseUrl={location.origin} />, root);
});
