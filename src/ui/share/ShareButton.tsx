/** Placeholder: the share button is built by the experiment/results engineer. */
export function ShareButton() {
  return <span className="muted">Share: coming soon</span>;
}
