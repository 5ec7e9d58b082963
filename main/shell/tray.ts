// The tray icon: renders the pure tray model with Tray and Menu. The menu is rebuilt whenever the
// model changes, and every action is in the menu (Linux app indicators may ignore clicks).
// Electron objects come in as parameters (Signal's SystemTrayService pattern) so tests pass fakes.
import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { trayModel, type Language, type TrayAction, type TrayIcon, type TrayModel, type TrayState } from './tray-model.ts';

/** The part of Electron's Tray this uses. */
export interface TrayHandle {
  setImage(image: NativeImage): void;
  setToolTip(toolTip: string): void;
  /** macOS only: text beside the icon. */
  setTitle?(title: string): void;
  setContextMenu(menu: Menu | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayActions {
  setEnabled(on: boolean): void;
  open(): void;
  diagnose(): void;
  /** The Alerts page (offered while cameras need attention). */
  alerts(): void;
  quit(): void;
}

export interface TrayDeps {
  createTray(image: NativeImage): TrayHandle;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  image(icon: TrayIcon): NativeImage;
  actions: TrayActions;
  /** The platform shows text beside the tray icon (macOS). */
  showsTitle?: boolean;
}

/** The Electron menu template of a model: a status line first (indicators show no tooltip). */
export function menuTemplate(model: TrayModel, actions: TrayActions): MenuItemConstructorOptions[] {
  const click: Record<TrayAction, (checked: boolean) => void> = {
    enabled: (checked) => actions.setEnabled(checked),
    open: () => actions.open(),
    diagnose: () => actions.diagnose(),
    alerts: () => actions.alerts(),
    quit: () => actions.quit(),
  };
  const items: MenuItemConstructorOptions[] = [{ id: 'status', label: model.tooltip, enabled: false }, { type: 'separator' }];
  for (const item of model.menu) {
    if (item.id === 'quit') items.push({ type: 'separator' });
    items.push({
      id: item.id,
      label: item.label,
      type: item.type,
      ...(item.type === 'checkbox' ? { checked: item.checked } : {}),
      click: (menuItem) => click[item.id](menuItem.checked),
    });
  }
  return items;
}

export class TrayController {
  private readonly deps: TrayDeps;
  private tray: TrayHandle | null = null;
  private state: TrayState;
  private language: Language;
  private shown: string | null = null;
  private shownIcon: TrayIcon | null = null;

  constructor(deps: TrayDeps, state: TrayState, language: Language) {
    this.deps = deps;
    this.state = state;
    this.language = language;
    const model = trayModel(state, language);
    this.tray = deps.createTray(deps.image(model.icon));
    this.shownIcon = model.icon;
    // Windows and macOS: a click opens the window; the menu has the same action for Linux.
    this.tray.on('click', () => deps.actions.open());
    this.render(model);
  }

  /** The actions, with the checkbox's own toggle undone on the next update if the switch fails. */
  private readonly actions: TrayActions = {
    setEnabled: (on) => {
      this.shown = null;
      this.deps.actions.setEnabled(on);
    },
    open: () => this.deps.actions.open(),
    diagnose: () => this.deps.actions.diagnose(),
    alerts: () => this.deps.actions.alerts(),
    quit: () => this.deps.actions.quit(),
  };

  update(state: TrayState): void {
    this.state = state;
    this.render(trayModel(state, this.language));
  }

  setLanguage(language: Language): void {
    this.language = language;
    this.render(trayModel(this.state, language));
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }

  /** Rebuilds image, tooltip and menu when the model changed (status events come ~10 a second). */
  private render(model: TrayModel): void {
    const tray = this.tray;
    if (!tray) return;
    const key = JSON.stringify(model);
    if (key === this.shown) return;
    this.shown = key;
    if (model.icon !== this.shownIcon) {
      tray.setImage(this.deps.image(model.icon));
      this.shownIcon = model.icon;
    }
    tray.setToolTip(model.tooltip);
    if (this.deps.showsTitle) tray.setTitle?.(model.badge);
    tray.setContextMenu(this.deps.buildMenu(menuTemplate(model, this.actions)));
  }
}
