export function DatasetDesigner() { return <p>Dataset mode: coming next.</p>; }
