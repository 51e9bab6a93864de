import { css } from 'lit'
import { controls, tokens } from './theme.js'

export const dashboardStyles = [tokens, controls, css`
  :host { display: block; container-type: inline-size; }
  .shell {
    display: flex; flex-direction: column; gap: 14px; min-height: 100%; padding: 18px 20px 24px;
    background: var(--_bg); border-radius: var(--_radius);
  }
  .top { display: flex; align-items: center; justify-content: space-between; gap: 16px; }
  .brand { display: flex; align-items: center; gap: 12px; min-width: 0; }
  .logo {
    display: inline-grid; place-items: center; width: 40px; height: 40px; flex: none;
    border-radius: 10px; background: var(--_accent); color: var(--_on-accent);
    box-shadow: 0 4px 10px rgb(79 70 229 / 25%);
  }
  .logo.large { width: 56px; height: 56px; border-radius: 14px; }
  h2 { margin: 0; font-size: 19px; font-weight: 700; letter-spacing: -0.015em; }
  .subtitle { margin: 1px 0 0; color: var(--_muted); font-size: 13px; }
  .top-actions { display: flex; align-items: center; gap: 10px; }

  .toolbar {
    display: flex; align-items: center; justify-content: space-between; gap: 12px;
    flex-wrap: wrap; padding: 10px 12px; background: var(--_surface);
    border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: var(--_shadow);
  }
  .toolbar-left, .toolbar-right {
    display: flex; align-items: center; gap: 10px 14px; flex-wrap: wrap;
  }
  /* When the actions wrap under the figures they stay at the right edge. */
  .toolbar-right { margin-left: auto; justify-content: flex-end; }
  .stat {
    display: inline-flex; align-items: center; gap: 6px; color: var(--_muted); font-size: 13px;
    white-space: nowrap;
  }
  .live-badge {
    display: inline-flex; align-items: center; gap: 6px; height: 28px; padding: 0 10px;
    border-radius: 999px; background: #dcfce7; color: #15803d; font-weight: 650; font-size: 13px;
  }
  .live-dot {
    width: 8px; height: 8px; border-radius: 50%; background: #16a34a;
    animation: live 1.6s ease-in-out infinite;
  }
  @keyframes live { 50% { opacity: 0.3; } }
  .countdown { font-size: 20px; margin-right: 4px; }
  /* End now and its countdown choices read as one control. */
  .split { display: inline-flex; }
  .split .end { border-top-right-radius: 0; border-bottom-right-radius: 0; }
  .split .end-later {
    width: 34px; border-top-left-radius: 0; border-bottom-left-radius: 0;
    border-left: 1px solid rgb(255 255 255 / 35%);
  }
  .toolbar-reason {
    margin: -8px 4px 0; color: var(--_muted); font-size: 12.5px; text-align: right;
  }

  .notice {
    display: flex; align-items: flex-start; gap: 10px; padding: 10px 12px;
    border-radius: var(--_radius); border: 1px solid; font-size: 13.5px;
  }
  .notice svg { flex: none; margin-top: 2px; }
  .notice span { flex: 1; }
  .notice .button { margin: -4px -4px -4px 0; }
  .notice.warning { background: var(--_warning-soft); border-color: #fcd34d; color: #78350f; }
  .notice.error { background: var(--_danger-soft); border-color: #fecaca; color: #7f1d1d; }
  .notice.info { background: var(--_accent-soft); border-color: #c7d2fe; color: #312e81; }

  .board {
    display: grid; grid-template-columns: minmax(250px, 300px) 1fr; gap: 16px;
    align-items: start;
  }
  main-room-panel { position: sticky; top: 12px; max-height: min(720px, calc(100vh - 24px)); }
  .rooms {
    display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 14px;
    align-items: stretch;
  }
  .no-rooms {
    display: grid; justify-items: center; gap: 6px; padding: 48px 24px; text-align: center;
    border: 1.5px dashed var(--_border); border-radius: var(--_radius);
    background: var(--_surface);
  }
  .no-rooms h3 { margin: 10px 0 0; font-size: 17px; }
  .no-rooms p { margin: 0 0 12px; color: var(--_muted); }

  .spinner {
    width: 32px; height: 32px; border-radius: 50%; border: 3px solid var(--_accent-soft);
    border-top-color: var(--_accent); animation: spin 0.9s linear infinite;
  }
  @keyframes spin { to { transform: rotate(360deg); } }
  .drag-ghost {
    position: fixed; top: 0; left: 0; z-index: 50; pointer-events: none; padding: 6px 12px;
    border-radius: 999px; background: var(--_accent); color: var(--_on-accent); font-weight: 600;
    box-shadow: var(--_shadow-raised);
  }

  @container (max-width: 520px) {
    .shell { padding: 12px 10px 16px; }
    .toolbar-right { margin-left: 0; }
    .toolbar-right .button { flex: 1 1 auto; }
  }
  @container (max-width: 720px) {
    .board { grid-template-columns: 1fr; }
    main-room-panel { position: static; max-height: 420px; }
    .top { flex-wrap: wrap; }
    .toolbar-reason { text-align: left; }
  }
  @media (prefers-reduced-motion: reduce) { .live-dot { animation: none; } }
`]
