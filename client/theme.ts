/**
 * The look shared by every component. An embedding page themes all of them
 * at once by setting the public custom properties on any ancestor; custom
 * properties cross shadow roots, so nested components follow.
 *
 * Each public property (`--breakout-*`) is read once into a private one
 * (`--_*`) with its default, so component styles never repeat a fallback.
 */
import { css } from 'lit'

export const tokens = css`
  :host {
    --_font: var(--breakout-font, "Inter", ui-sans-serif, system-ui, -apple-system,
      "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
    --_accent: var(--breakout-accent, #4f46e5);
    --_accent-strong: var(--breakout-accent-strong, #4338ca);
    --_accent-soft: var(--breakout-accent-soft, #eef2ff);
    --_on-accent: var(--breakout-on-accent, #ffffff);
    --_bg: var(--breakout-background, #f5f6fa);
    --_surface: var(--breakout-surface, #ffffff);
    --_surface-muted: var(--breakout-surface-muted, #f9fafb);
    --_text: var(--breakout-text, #111827);
    --_muted: var(--breakout-muted, #6b7280);
    --_border: var(--breakout-border, #e5e7eb);
    --_danger: var(--breakout-danger, #dc2626);
    --_danger-soft: var(--breakout-danger-soft, #fef2f2);
    --_warning: var(--breakout-warning, #b45309);
    --_warning-soft: var(--breakout-warning-soft, #fffbeb);
    --_success: var(--breakout-success, #16a34a);
    --_flash: var(--breakout-flash, #fde68a);
    --_radius: var(--breakout-radius, 12px);
    --_radius-small: calc(var(--_radius) * 0.6);
    --_shadow: var(--breakout-shadow, 0 1px 2px rgb(16 24 40 / 6%),
      0 1px 3px rgb(16 24 40 / 10%));
    --_shadow-raised: 0 12px 32px rgb(16 24 40 / 16%), 0 2px 6px rgb(16 24 40 / 8%);
    font-family: var(--_font);
    color: var(--_text);
    font-size: 14px;
    line-height: 1.45;
    -webkit-font-smoothing: antialiased;
  }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
`

export const controls = css`
  button, input, select { font: inherit; color: inherit; }
  .button {
    display: inline-flex; align-items: center; justify-content: center; gap: 6px;
    min-height: 36px; padding: 0 14px; border-radius: var(--_radius-small);
    border: 1px solid var(--_border); background: var(--_surface); color: var(--_text);
    font-weight: 550; cursor: pointer; white-space: nowrap;
    transition: background 120ms, border-color 120ms, box-shadow 120ms;
  }
  .button:hover:not(:disabled) { background: var(--_surface-muted); border-color: #d1d5db; }
  .button.primary {
    background: var(--_accent); border-color: var(--_accent); color: var(--_on-accent);
    box-shadow: 0 1px 2px rgb(79 70 229 / 25%);
  }
  .button.primary:hover:not(:disabled) {
    background: var(--_accent-strong); border-color: var(--_accent-strong);
  }
  .button.danger { color: var(--_danger); border-color: #fecaca; }
  .button.danger:hover:not(:disabled) { background: var(--_danger-soft); }
  .button.danger.solid { background: var(--_danger); border-color: var(--_danger); color: #fff; }
  .button.danger.solid:hover:not(:disabled) { background: #b91c1c; }
  .button.ghost { border-color: transparent; background: transparent; }
  .button.ghost:hover:not(:disabled) { background: rgb(17 24 39 / 5%); }
  .button.small { min-height: 28px; padding: 0 10px; font-size: 13px; }
  .button.icon { width: 32px; min-height: 32px; padding: 0; }
  .button:disabled { opacity: 0.5; cursor: not-allowed; box-shadow: none; }
  .button svg, .chip svg { flex: none; }
  :focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  input[type="text"], input[type="number"], input[type="search"] {
    min-height: 36px; padding: 0 10px; border: 1px solid var(--_border);
    border-radius: var(--_radius-small); background: var(--_surface);
  }
  input[type="text"]:focus, input[type="number"]:focus, input[type="search"]:focus {
    outline: none; border-color: var(--_accent); box-shadow: 0 0 0 3px var(--_accent-soft);
  }
  input[type="checkbox"], input[type="radio"] {
    width: 16px; height: 16px; margin: 0; accent-color: var(--_accent);
  }
  .chip {
    display: inline-flex; align-items: center; gap: 6px; min-height: 30px; padding: 0 10px;
    border-radius: 999px; border: 1px solid var(--_border); background: var(--_surface);
    color: var(--_text); font-size: 13px; font-weight: 500;
  }
  button.chip { cursor: pointer; }
  button.chip:hover:not(:disabled) { border-color: var(--_accent); color: var(--_accent); }
  .avatar {
    display: inline-grid; place-items: center; flex: none; width: 28px; height: 28px;
    border-radius: 50%; color: #fff; font-size: 11px; font-weight: 650;
    letter-spacing: 0.02em; user-select: none;
  }
`

export const dialogs = css`
  dialog {
    width: min(480px, calc(100vw - 32px)); padding: 0; border: none;
    border-radius: calc(var(--_radius) + 4px); background: var(--_surface); color: var(--_text);
    box-shadow: var(--_shadow-raised); font-family: var(--_font);
  }
  dialog::backdrop { background: rgb(17 24 39 / 45%); backdrop-filter: blur(2px); }
  .dialog-head { padding: 22px 24px 0; }
  .dialog-head h2 { margin: 0; font-size: 18px; font-weight: 650; letter-spacing: -0.01em; }
  .dialog-head p { margin: 6px 0 0; color: var(--_muted); }
  .dialog-body { padding: 18px 24px; display: grid; gap: 16px; }
  .dialog-foot {
    display: flex; justify-content: flex-end; gap: 8px; padding: 14px 24px;
    border-top: 1px solid var(--_border); background: var(--_surface-muted);
    border-radius: 0 0 calc(var(--_radius) + 4px) calc(var(--_radius) + 4px);
  }
  .field-error { margin: 0; color: var(--_danger); font-size: 13px; }
`
