import { Menu, Tray, nativeImage } from 'electron';
import type { Logger } from '#core/log/index.ts';
import { trayIconSizePx, trayMenuTemplate, type TrayCommand, type TrayMenuModel } from './trayMenu.ts';

export interface BallastTray {
  /** Redraws the menu and tooltip, only when the model changed (bot progress arrives many times a second). */
  show(model: TrayMenuModel): void;
  destroy(): void;
}

/**
 * The tray icon: Ballast's own icon, the state in the tooltip and the menu's first lines. Null
 * when the desktop offers no tray (some Linux desktops): the window then closes normally.
 */
export function createBallastTray(iconPath: string, onCommand: (command: TrayCommand) => void, log: Logger): BallastTray | null {
  let tray: Tray;
  try {
    const size = trayIconSizePx(process.platform);
    const icon = nativeImage.createFromPath(iconPath);
    if (icon.isEmpty()) throw new Error(`the tray icon could not be read from ${iconPath}`);
    tray = new Tray(icon.resize({ width: size, height: size, quality: 'best' }));
  } catch (error) {
    log.warn({ err: error }, 'no tray icon: closing the window will not keep Ballast running in the background');
    return null;
  }
  // On Windows a click on the icon opens the app and the menu is on right-click; elsewhere a click opens the menu.
  if (process.platform === 'win32') tray.on('click', () => { onCommand('open'); });
  let shown = '';
  return {
    show(model) {
      const fingerprint = JSON.stringify(model);
      if (fingerprint === shown || tray.isDestroyed()) return;
      shown = fingerprint;
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(model, onCommand)));
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
