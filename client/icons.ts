/**
 * Line icons drawn on a 24-unit grid with the current text colour, so they
 * follow the theme. Decorative: the control that holds one carries the label.
 */
import { svg, type SVGTemplateResult } from 'lit'

function icon(size: number, paths: SVGTemplateResult): SVGTemplateResult {
  return svg`<svg width=${size} height=${size} viewBox="0 0 24 24" fill="none"
    stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"
    aria-hidden="true" focusable="false">${paths}</svg>`
}

export const iconPlus = (size = 16) => icon(size, svg`<path d="M12 5v14M5 12h14"/>`)

export const iconGear = (size = 18) => icon(size, svg`<circle cx="12" cy="12" r="3"/>
  <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3
  1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1
  a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1
  a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0
  1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3
  l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0
  4h-.1a1.7 1.7 0 0 0-1.5 1z"/>`)

export const iconMore = (size = 18) => icon(size, svg`<circle cx="5" cy="12" r="1"/>
  <circle cx="12" cy="12" r="1"/><circle cx="19" cy="12" r="1"/>`)

export const iconGrip = (size = 14) => icon(size, svg`<circle cx="9" cy="6" r="1"/>
  <circle cx="15" cy="6" r="1"/><circle cx="9" cy="12" r="1"/><circle cx="15" cy="12" r="1"/>
  <circle cx="9" cy="18" r="1"/><circle cx="15" cy="18" r="1"/>`)

export const iconClock = (size = 16) => icon(size, svg`<circle cx="12" cy="12" r="9"/>
  <path d="M12 7v5l3 2"/>`)

export const iconUsers = (size = 16) => icon(size, svg`<path d="M16 21v-2a4 4 0 0 0-4-4H6
  a4 4 0 0 0-4 4v2"/><circle cx="9" cy="7" r="4"/><path d="M22 21v-2a4 4 0 0 0-3-3.9"/>
  <path d="M16 3.1a4 4 0 0 1 0 7.8"/>`)

export const iconDoor = (size = 16) => icon(size, svg`<path d="M3 21h18"/>
  <path d="M6 21V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v17"/><path d="M14 12h.01"/>`)

export const iconHome = (size = 16) => icon(size, svg`<path d="M3 11l9-8 9 8"/>
  <path d="M5 10v10h14V10"/>`)

export const iconArrowRight = (size = 14) => icon(size, svg`<path d="M5 12h14M13 6l6 6-6 6"/>`)

export const iconX = (size = 16) => icon(size, svg`<path d="M18 6 6 18M6 6l12 12"/>`)

export const iconCheck = (size = 16) => icon(size, svg`<path d="M20 6 9 17l-5-5"/>`)

export const iconSearch = (size = 16) => icon(size, svg`<circle cx="11" cy="11" r="7"/>
  <path d="m20 20-3.5-3.5"/>`)

export const iconPencil = (size = 16) => icon(size, svg`<path d="M12 20h9"/>
  <path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z"/>`)

export const iconTrash = (size = 16) => icon(size, svg`<path d="M3 6h18"/>
  <path d="M8 6V4h8v2M19 6l-1 14H6L5 6"/>`)

export const iconAlert = (size = 16) => icon(size, svg`<path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3
  h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"/><path d="M12 9v4M12 17h.01"/>`)

export const iconWifiOff = (size = 16) => icon(size, svg`<path d="m2 2 20 20"/>
  <path d="M8.5 16.5a5 5 0 0 1 7 0M5 12.9a10 10 0 0 1 5.2-2.7M19 12.9a10 10 0 0 0-2.2-1.6
  M2 8.8a15 15 0 0 1 4.2-2.6M22 8.8A15 15 0 0 0 11 5M12 20h.01"/>`)

export const iconShuffle = (size = 16) => icon(size, svg`<path d="M16 3h5v5M4 20 21 3"/>
  <path d="M21 16v5h-5M15 15l6 6M4 4l5 5"/>`)

export const iconLock = (size = 14) => icon(size, svg`<rect x="4" y="11" width="16" height="10"
  rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>`)

export const iconMegaphone = (size = 16) => icon(size, svg`<path d="M3 11v2a1 1 0 0 0 1 1h2l5
  4V6L6 10H4a1 1 0 0 0-1 1z"/><path d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13"/>`)

export const iconHand = (size = 16) => icon(size, svg`<path d="M18 11V6a2 2 0 0 0-4 0v5"/>
  <path d="M14 10V4a2 2 0 0 0-4 0v6"/><path d="M10 10.5V6a2 2 0 0 0-4 0v8"/>
  <path d="M18 8a2 2 0 1 1 4 0v6a8 8 0 0 1-8 8h-2c-2.8 0-4.5-.9-6-2.4l-3.6-3.6a2 2 0 0 1
  2.8-2.8L6 14"/>`)

export const iconChevronDown = (size = 16) => icon(size, svg`<path d="m6 9 6 6 6-6"/>`)
