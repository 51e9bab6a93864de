/**
 * Keeps a native `<dialog>` in step with a component's `open` property. The
 * native dialog is used for what it gives for free: a focus trap, Escape, a
 * backdrop, and the rest of the page made inert while it is open.
 */
export function syncDialog(dialog: HTMLDialogElement | null, open: boolean): void {
  if (!dialog) return
  if (open && !dialog.open) dialog.showModal()
  else if (!open && dialog.open) dialog.close()
}
