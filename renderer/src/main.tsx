// Start: pick the transport, read the language setting, then show the window.
import { createRoot } from 'react-dom/client';
import { pickClient } from './api/pick-client.ts';
import { createI18n } from './i18n/create-i18n.ts';
import { resolveLanguage } from './i18n/language.ts';
import { Root } from './Root.tsx';

async function start(element: HTMLElement): Promise<void> {
  const api = pickClient();
  const settings = await api.getSettings({});
  // Without settings (server not reachable yet) the system language is the best guess.
  const language = resolveLanguage(settings.ok ? settings.value.language : 'auto', navigator.language);
  document.documentElement.lang = language;
  createRoot(element).render(<Root api={api} i18n={createI18n(language)} />);
}

const element = document.getElementById('root');
if (element) void start(element);
