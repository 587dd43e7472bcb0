export function DataPanel() { return <section><h2>Data</h2></section>; }
